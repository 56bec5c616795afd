package ai.monzie.platform.export;

import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.platform.storage.StorageKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one service's part of a data export under {@code exports/<export id>/<service>/}: JSON
 * documents and copies of stored files, then the {@code user.export-part-ready} that lists them.
 * File names are checked by {@link ExportKeys#requireFile}: fixed names and UUID files only.
 */
@ApplicationScoped
public class ExportParts {

  private final ObjectStore store;
  private final ObjectMapper json;

  ExportParts(ObjectStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /**
   * A part being written for the request, by the named service (one of {@link
   * ExportKeys#SERVICES}).
   */
  public Part start(ExportRequested request, String service) {
    ExportKeys.requireService(service);
    return new Part(request.exportId(), request.userId(), service);
  }

  /** One service's part; its methods may be called in sequence, not concurrently. */
  public final class Part {
    private final UUID exportId;
    private final UUID userId;
    private final String service;
    private final List<String> files = new ArrayList<>();
    private final AtomicLong bytes = new AtomicLong();

    private Part(UUID exportId, UUID userId, String service) {
      this.exportId = exportId;
      this.userId = userId;
      this.service = service;
    }

    /** A JSON document already rendered (by the database's json functions, say). */
    public Uni<Void> jsonText(String file, String text) {
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      return store
          .put(ExportKeys.partFile(exportId, service, file), body, "application/json")
          .invoke(() -> added(file, body.length));
    }

    /** A value serialised with the service's JSON settings (snake_case, ISO dates). */
    public Uni<Void> json(String file, Object value) {
      try {
        return jsonText(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(value));
      } catch (JsonProcessingException e) {
        return Uni.createFrom().failure(e);
      }
    }

    /**
     * A document written by {@code body} as it goes (pages of rows, say), never whole in memory;
     * runs on the worker pool, where {@code body} may block.
     */
    public Uni<Void> stream(String file, String contentType, ObjectStore.BodyWriter body) {
      String target = ExportKeys.partFile(exportId, service, file);
      return Uni.createFrom()
          .<Void>item(
              () -> {
                try {
                  long[] size = new long[1];
                  store.write(
                      target,
                      contentType,
                      out -> {
                        var counted =
                            new java.io.FilterOutputStream(out) {
                              @Override
                              public void write(byte[] b, int off, int len) throws IOException {
                                out.write(b, off, len);
                                size[0] += len;
                              }

                              @Override
                              public void write(int b) throws IOException {
                                out.write(b);
                                size[0]++;
                              }
                            };
                        body.writeTo(counted);
                        counted.flush();
                      });
                  added(file, size[0]);
                  return null;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * A stored file copied into the part, streamed; false when the source is gone (deleted since it
     * was listed), and the part simply does not list it.
     */
    public Uni<Boolean> copy(String file, String sourceKey) {
      String target = ExportKeys.partFile(exportId, service, file);
      return Uni.createFrom()
          .item(
              () -> {
                try {
                  Optional<InputStream> source = store.open(StorageKeys.requireSafe(sourceKey));
                  if (source.isEmpty()) {
                    return false;
                  }
                  AtomicLong copied = new AtomicLong();
                  try (InputStream in = source.get()) {
                    store.write(
                        target,
                        StorageKeys.contentType(file),
                        out -> copied.set(in.transferTo(out)));
                  }
                  added(file, copied.get());
                  return true;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized void added(String file, long size) {
      files.add(file);
      bytes.addAndGet(size);
    }

    /** The event announcing the part, once every file is written. */
    public synchronized ExportPartReady ready() {
      return new ExportPartReady(exportId, userId, service, List.copyOf(files), bytes.get());
    }
  }
}
