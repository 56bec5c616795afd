package ai.monzie.generation.job;

import ai.monzie.generation.model.ImageModel;
import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of {@code generation_jobs}, its columns grouped: the scene it was made from, what to
 * render, where the request came from, and the worker's lease.
 */
public record Job(
    UUID id,
    UUID userId,
    JobStatus status,
    Scene scene,
    Render render,
    String originalPhotoKey,
    UUID sourceImageId,
    boolean isEnhance,
    Origin origin,
    Lease lease,
    UUID imageId,
    String error,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** The scene as it was when the job was requested (the image keeps it if the scene changes). */
  public record Scene(UUID id, String name, String category) {}

  /** What the model is asked for: provider and model, prompts, size and seed. */
  public record Render(
      String provider,
      String model,
      String prompt,
      String negativePrompt,
      String imageSize,
      String aspectRatio,
      int seed) {}

  /**
   * The request behind the job: the quota day its unit was reserved on, its Idempotency-Key with
   * the request's hash, its W3C trace context, and whether the requester was paying (claimed
   * first).
   */
  public record Origin(
      LocalDate quotaDate,
      String idempotencyKey,
      String requestHash,
      String traceparent,
      boolean paying) {}

  /** Attempts so far and the token of the worker holding the job (null when none does). */
  public record Lease(int attempts, UUID token) {}

  static final String COLUMNS =
      "j.id, j.user_id, j.status, j.provider, j.model, j.scene_id, j.scene_name,"
          + " j.scene_category, j.prompt, j.negative_prompt, j.image_size, j.aspect_ratio, j.seed,"
          + " j.original_photo_key, j.source_image_id, j.is_enhance, j.quota_date,"
          + " j.idempotency_key, j.request_hash, j.attempts, j.lease_token, j.image_id, j.error,"
          + " j.created_at, j.updated_at, j.traceparent, j.paying";

  /** A new job, before its quota unit is reserved; {@code traceparent} is the request's. */
  public static Job queued(
      UUID user,
      Scene scene,
      Render render,
      String originalPhotoKey,
      UUID sourceImageId,
      boolean isEnhance,
      String traceparent) {
    return new Job(
        UUID.randomUUID(),
        user,
        JobStatus.QUEUED,
        scene,
        render,
        originalPhotoKey,
        sourceImageId,
        isEnhance,
        new Origin(null, null, null, traceparent, false),
        new Lease(0, null),
        null,
        null,
        null,
        null);
  }

  /** The job once its quota unit is reserved, with the Idempotency-Key that created it. */
  public Job reserved(LocalDate day, String key, String hash) {
    return with(
        new Origin(day, key, key == null ? null : hash, origin.traceparent(), origin.paying()));
  }

  /**
   * The job as its attempt's span sees it: events it writes carry {@code traceparent}, so their
   * consumers' spans join the trace of the request that queued it.
   */
  public Job traced(String traceparent) {
    return with(
        new Origin(
            origin.quotaDate(),
            origin.idempotencyKey(),
            origin.requestHash(),
            traceparent,
            origin.paying()));
  }

  /** The job of a paying requester: claimed before free users' jobs (with aging). */
  public Job paying(boolean paying) {
    return with(
        new Origin(
            origin.quotaDate(),
            origin.idempotencyKey(),
            origin.requestHash(),
            origin.traceparent(),
            paying));
  }

  private Job with(Origin changed) {
    return new Job(
        id,
        userId,
        status,
        scene,
        render,
        originalPhotoKey,
        sourceImageId,
        isEnhance,
        changed,
        lease,
        imageId,
        error,
        createdAt,
        updatedAt);
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
        new Scene(
            row.getUUID("scene_id"), row.getString("scene_name"), row.getString("scene_category")),
        new Render(
            row.getString("provider"),
            row.getString("model"),
            row.getString("prompt"),
            row.getString("negative_prompt"),
            row.getString("image_size"),
            row.getString("aspect_ratio"),
            row.getInteger("seed")),
        row.getString("original_photo_key"),
        row.getUUID("source_image_id"),
        row.getBoolean("is_enhance"),
        new Origin(
            row.getLocalDate("quota_date"),
            row.getString("idempotency_key"),
            row.getString("request_hash"),
            row.getString("traceparent"),
            row.getBoolean("paying")),
        new Lease(row.getInteger("attempts"), row.getUUID("lease_token")),
        row.getUUID("image_id"),
        row.getString("error"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }
}
