package ai.monzie.generation.storage;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Where uploads and generated images live: the local filesystem by default, S3-compatible in
 * production. Keys are {@code users/<user id>/...} so that a user's files go with one prefix.
 */
public interface ObjectStore {

  Uni<Void> put(String key, byte[] bytes, String contentType);

  Uni<Optional<StoredObject>> get(String key);

  Uni<Boolean> exists(String key);

  /** Deletes the keys; missing ones are not an error. */
  Uni<Void> delete(List<String> keys);

  /** Deletes every object under the prefix; returns how many. */
  Uni<Integer> deletePrefix(String prefix);

  /** An object's bytes and content type. */
  record StoredObject(byte[] bytes, String contentType) {}
}
