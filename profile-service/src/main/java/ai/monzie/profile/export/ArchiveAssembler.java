package ai.monzie.profile.export;

import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds an export's ONE archive from its parts, streamed: each part file is copied from the store
 * into a {@link ZipOutputStream} that writes into the store's streaming write, so memory holds one
 * copy buffer, never an image or the archive. Entry names are the parts' file names, checked by
 * {@link ExportKeys#requireFile} (fixed names, or a fixed folder and a UUID), so no entry can point
 * outside the archive's root. Blocking: runs on a worker thread.
 */
@ApplicationScoped
public class ArchiveAssembler {

  static final String README = "README.txt";

  private final ObjectStore store;

  ArchiveAssembler(ObjectStore store) {
    this.store = store;
  }

  /** Writes {@code exports/<id>/monzie-export.zip}; returns its size in bytes. */
  public long assemble(UUID export, List<ExportRepository.Part> parts) throws IOException {
    long[] size = new long[1];
    store.write(
        ExportKeys.archive(export),
        "application/zip",
        target -> {
          CountingStream counted = new CountingStream(target);
          try (ZipOutputStream zip = new ZipOutputStream(counted)) {
            Set<String> names = new HashSet<>();
            for (ExportRepository.Part part : parts) {
              for (String file : part.files()) {
                String name = ExportKeys.requireFile(file);
                if (!names.add(name)) {
                  throw new IOException("two parts list " + name);
                }
                // images are compressed already: stored as they are (deflate level 0) saves the CPU
                zip.setLevel(
                    name.endsWith(".json")
                        ? Deflater.DEFAULT_COMPRESSION
                        : Deflater.NO_COMPRESSION);
                zip.putNextEntry(new ZipEntry(name));
                String key = ExportKeys.partFile(export, part.service(), name);
                try (InputStream in =
                    store
                        .open(key)
                        .orElseThrow(() -> new IOException("part file missing: " + key))) {
                  in.transferTo(zip);
                }
                zip.closeEntry();
              }
            }
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            zip.putNextEntry(new ZipEntry(README));
            zip.write(readme());
            zip.closeEntry();
          }
          size[0] = counted.count;
        });
    return size[0];
  }

  private static byte[] readme() throws IOException {
    try (InputStream in = ArchiveAssembler.class.getResourceAsStream("/export/README.txt")) {
      if (in == null) {
        throw new IOException("export/README.txt missing from the build");
      }
      return in.readAllBytes();
    }
  }

  /** Counts what passes, for the archive's size. */
  private static final class CountingStream extends FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      flush(); // the store's write closes its own stream
    }
  }

  static String readmeText() throws IOException {
    return new String(readme(), StandardCharsets.UTF_8);
  }
}
