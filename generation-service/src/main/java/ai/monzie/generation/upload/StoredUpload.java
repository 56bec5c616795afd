package ai.monzie.generation.upload;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code uploads}: the object key, not a URL (URLs are signed per response). */
public record StoredUpload(
    UUID id,
    UUID userId,
    String objectKey,
    String purpose,
    String contentType,
    int width,
    int height,
    OffsetDateTime createdAt) {

  static final String COLUMNS =
      "id, user_id, object_key, purpose, content_type, width, height, created_at";

  static StoredUpload from(Row row) {
    return new StoredUpload(
        row.getUUID("id"),
        row.getUUID("user_id"),
        row.getString("object_key"),
        row.getString("purpose"),
        row.getString("content_type"),
        row.getInteger("width"),
        row.getInteger("height"),
        row.getOffsetDateTime("created_at"));
  }
}
