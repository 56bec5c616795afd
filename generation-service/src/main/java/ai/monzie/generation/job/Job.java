package ai.monzie.generation.job;

import ai.monzie.generation.model.ImageModel;
import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code generation_jobs}. */
public record Job(
    UUID id,
    UUID userId,
    JobStatus status,
    String provider,
    String model,
    UUID sceneId,
    String sceneName,
    String sceneCategory,
    String prompt,
    String negativePrompt,
    String imageSize,
    String aspectRatio,
    int seed,
    String originalPhotoKey,
    UUID sourceImageId,
    boolean isEnhance,
    LocalDate quotaDate,
    String idempotencyKey,
    String requestHash,
    int attempts,
    UUID leaseToken,
    UUID imageId,
    String error,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    String traceparent) {

  static final String COLUMNS =
      "j.id, j.user_id, j.status, j.provider, j.model, j.scene_id, j.scene_name,"
          + " j.scene_category, j.prompt, j.negative_prompt, j.image_size, j.aspect_ratio, j.seed,"
          + " j.original_photo_key, j.source_image_id, j.is_enhance, j.quota_date,"
          + " j.idempotency_key, j.request_hash, j.attempts, j.lease_token, j.image_id, j.error,"
          + " j.created_at, j.updated_at, j.traceparent";

  /** The job once its quota unit is reserved, with the Idempotency-Key that created it. */
  public Job reserved(LocalDate day, String key, String hash) {
    return with(day, key, key == null ? null : hash, traceparent);
  }

  /**
   * The job as its attempt's span sees it: events it writes carry {@code traceparent}, so their
   * consumers' spans join the trace of the request that queued it.
   */
  public Job traced(String traceparent) {
    return with(quotaDate, idempotencyKey, requestHash, traceparent);
  }

  private Job with(LocalDate day, String key, String hash, String trace) {
    return new Job(
        id,
        userId,
        status,
        provider,
        model,
        sceneId,
        sceneName,
        sceneCategory,
        prompt,
        negativePrompt,
        imageSize,
        aspectRatio,
        seed,
        originalPhotoKey,
        sourceImageId,
        isEnhance,
        day,
        key,
        hash,
        attempts,
        leaseToken,
        imageId,
        error,
        createdAt,
        updatedAt,
        trace);
  }

  public ImageModel.Task task() {
    if (isEnhance) {
      return ImageModel.Task.ENHANCE;
    }
    return originalPhotoKey == null ? ImageModel.Task.TEXT_TO_IMAGE : ImageModel.Task.PHOTO_EDIT;
  }

  static Job from(Row row) {
    return new Job(
        row.getUUID("id"),
        row.getUUID("user_id"),
        JobStatus.of(row.getString("status")),
        row.getString("provider"),
        row.getString("model"),
        row.getUUID("scene_id"),
        row.getString("scene_name"),
        row.getString("scene_category"),
        row.getString("prompt"),
        row.getString("negative_prompt"),
        row.getString("image_size"),
        row.getString("aspect_ratio"),
        row.getInteger("seed"),
        row.getString("original_photo_key"),
        row.getUUID("source_image_id"),
        row.getBoolean("is_enhance"),
        row.getLocalDate("quota_date"),
        row.getString("idempotency_key"),
        row.getString("request_hash"),
        row.getInteger("attempts"),
        row.getUUID("lease_token"),
        row.getUUID("image_id"),
        row.getString("error"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"),
        row.getString("traceparent"));
  }
}
