package ai.monzie.profile.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The archive of a 500-image user streams: the store hands out 500 image streams of 1 MiB each
 * (made on the fly, never held) and the archive goes to a sink that keeps only a count. If the
 * archive were built in memory first, nothing would reach the sink before the last image is read.
 */
class ArchiveStreamingTest {

  static final int IMAGES = 500;
  static final int IMAGE_BYTES = 1024 * 1024;

  /** A store of generated objects whose archive write only counts what arrives. */
  static final class GeneratedStore implements ObjectStore {
    long written;
    final List<Long> writtenWhenOpened = new ArrayList<>();
    long openStreams;
    long maxOpenStreams;

    @Override
    public void write(String key, String contentType, BodyWriter body) throws IOException {
      body.writeTo(
          new OutputStream() {
            @Override
            public void write(int b) {
              written++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
              written += len;
            }
          });
    }

    @Override
    public Optional<InputStream> open(String key) {
      writtenWhenOpened.add(written);
      openStreams++;
      maxOpenStreams = Math.max(maxOpenStreams, openStreams);
      int size = key.endsWith(".png") ? IMAGE_BYTES : 100;
      SplittableRandom random = new SplittableRandom(key.hashCode());
      return Optional.of(
          new InputStream() {
            int left = size;

            @Override
            public int read() {
              if (left == 0) {
                return -1;
              }
              left--;
              return random.nextInt(256);
            }

            @Override
            public int read(byte[] b, int off, int len) {
              if (left == 0) {
                return -1;
              }
              int n = Math.min(len, left);
              for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (i % 8 == 0 ? random.nextInt(256) : b[off + i - 1] * 31 + i);
              }
              left -= n;
              return n;
            }

            @Override
            public void close() {
              openStreams--;
            }
          });
    }

    @Override
    public Uni<Void> put(String key, byte[] bytes, String contentType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Uni<Optional<StoredObject>> get(String key) {
      throw new UnsupportedOperationException("the assembler never reads an object whole");
    }

    @Override
    public Uni<Boolean> exists(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Uni<Void> delete(List<String> keys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Uni<Integer> deletePrefix(String prefix) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void fiveHundredImagesStreamIntoTheArchiveOneBufferAtATime() throws Exception {
    GeneratedStore store = new GeneratedStore();
    List<String> files = new ArrayList<>(List.of("images.json"));
    for (int i = 0; i < IMAGES; i++) {
      files.add("images/" + UUID.randomUUID() + ".png");
    }
    List<ExportRepository.Part> parts =
        List.of(
            new ExportRepository.Part("generation", files),
            new ExportRepository.Part("profile", List.of("profile.json")));
    long started = System.nanoTime();
    long size = new ArchiveAssembler(store).assemble(UUID.randomUUID(), parts);
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(size).isEqualTo(store.written).isGreaterThan((long) IMAGES * IMAGE_BYTES);
    // when the last image is opened, all but about one image has already left for the store
    long beforeLast = store.writtenWhenOpened.get(IMAGES);
    assertThat(beforeLast).isGreaterThan((long) (IMAGES - 2) * IMAGE_BYTES);
    // one part file open at a time: nothing is read ahead into memory
    assertThat(store.maxOpenStreams).isEqualTo(1);
    System.out.printf("export archive of %d images (%d MiB): %d ms%n", IMAGES, size >> 20, millis);
    assertThat(ExportKeys.SERVICES).hasSize(4);
  }

  /**
   * The figure of deploy/bench/export/run.sh (off in the normal build: it writes 500 MiB): 500
   * images of 1 MiB in a real filesystem store, assembled in a JVM whose heap is capped below the
   * archive's size; prints the time and the JVM's peak RSS.
   */
  @Test
  void benchmarkFiveHundredImagesOnTheFilesystem(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("monzie.bench.export"));
    var store = new ai.monzie.platform.storage.FilesystemObjectStore(root);
    UUID export = UUID.randomUUID();
    List<String> files = new ArrayList<>();
    byte[] image = new byte[IMAGE_BYTES];
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < IMAGES; i++) {
      random.nextBytes(image);
      String file = "images/" + UUID.randomUUID() + ".png";
      store.write(
          ExportKeys.partFile(export, "generation", file), "image/png", out -> out.write(image));
      files.add(file);
    }
    long started = System.nanoTime();
    long size =
        new ArchiveAssembler(store)
            .assemble(export, List.of(new ExportRepository.Part("generation", files)));
    long millis = (System.nanoTime() - started) / 1_000_000;
    String hwm =
        java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("VmHWM"))
            .findFirst()
            .orElse("VmHWM: n/a");
    System.out.printf(
        "BENCH export: %d images, archive %d MiB, assembled in %d ms, max heap %d MiB, peak RSS %s%n",
        IMAGES,
        size >> 20,
        millis,
        Runtime.getRuntime().maxMemory() >> 20,
        hwm.replace("VmHWM:", "").trim());
    assertThat(size).isGreaterThan((long) IMAGES * IMAGE_BYTES);
  }
}
