package ai.monzie.generation.upload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An upload as the API shows it: its id (for {@code POST /v1/uploads/{id}/enhance}) and a signed
 * URL to pass as original_photo_url (or avatar_url).
 */
public record Uploaded(
    UUID id,
    String url,
    String purpose,
    String contentType,
    int width,
    int height,
    OffsetDateTime createdAt) {

  static Uploaded of(StoredUpload upload, String url) {
    return new Uploaded(
        upload.id(),
        url,
        upload.purpose(),
        upload.contentType(),
        upload.width(),
        upload.height(),
        upload.createdAt());
  }
}
