package ai.monzie.platform.storage;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Where files live: the local filesystem by default, S3-compatible in production. One store for
 * every service of an installation (a data export's parts are written by four services).
 *
 * <p>The {@code Uni} methods hold the whole object in memory and suit images and small documents;
 * {@link #write} and {@link #open} stream, for what may be large (an export's archive), and block:
 * call them from a worker or virtual thread, never the event loop.
 */
public interface ObjectStore {

  Uni<Void> put(String key, byte[] bytes, String contentType);

  Uni<Optional<StoredObject>> get(String key);

  Uni<Boolean> exists(String key);

  /** Deletes the keys; missing ones are not an error. */
  Uni<Void> delete(List<String> keys);

  /** Deletes every object under the prefix; returns how many. */
  Uni<Integer> deletePrefix(String prefix);

  /**
   * Writes an object from what {@code body} writes to the stream, never holding it whole in memory;
   * a reader sees the whole object or none of it. Blocking.
   */
  void write(String key, String contentType, BodyWriter body) throws IOException;

  /** The object's bytes as a stream (the caller closes it), or empty when absent. Blocking. */
  Optional<InputStream> open(String key) throws IOException;

  /** {@link #write} on the worker pool. */
  default Uni<Void> writeAsync(String key, String contentType, BodyWriter body) {
    return Uni.createFrom()
        .<Void>item(
            () -> {
              try {
                write(key, contentType, body);
                return null;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** Writes an object's content to the stream it is given. */
  @FunctionalInterface
  interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** An object's bytes and content type. */
  record StoredObject(byte[] bytes, String contentType) {}
}
