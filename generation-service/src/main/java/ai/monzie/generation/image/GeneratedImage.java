package ai.monzie.generation.image;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code generated_images}: object keys, not URLs (URLs are signed per response). */
public record GeneratedImage(
    UUID id,
    UUID userId,
    UUID generationId,
    UUID sceneId,
    String sceneName,
    String sceneCategory,
    String imageKey,
    String thumbnailKey,
    String originalPhotoKey,
    UUID sourceImageId,
    String prompt,
    String negativePrompt,
    boolean isFavorite,
    boolean isEnhanced,
    float generationTime,
    String model,
    String imageSize,
    String aspectRatio,
    Integer seed,
    Integer width,
    Integer height,
    String blurhash,
    OffsetDateTime createdAt) {

  public static final String COLUMNS =
      "i.id, i.user_id, i.generation_id, i.scene_id, i.scene_name, i.scene_category, i.image_key,"
          + " i.thumbnail_key, i.original_photo_key, i.source_image_id, i.prompt,"
          + " i.negative_prompt, i.is_favorite, i.is_enhanced, i.generation_time, i.model,"
          + " i.image_size, i.aspect_ratio, i.seed, i.width, i.height, i.blurhash, i.created_at";

  /** Reads the image columns; null when a LEFT JOIN found no image. */
  public static GeneratedImage from(Row row, String prefix) {
    UUID id = row.getUUID(prefix + "id");
    if (id == null) {
      return null;
    }
    return new GeneratedImage(
        id,
        row.getUUID(prefix + "user_id"),
        row.getUUID(prefix + "generation_id"),
        row.getUUID(prefix + "scene_id"),
        row.getString(prefix + "scene_name"),
        row.getString(prefix + "scene_category"),
        row.getString(prefix + "image_key"),
        row.getString(prefix + "thumbnail_key"),
        row.getString(prefix + "original_photo_key"),
        row.getUUID(prefix + "source_image_id"),
        row.getString(prefix + "prompt"),
        row.getString(prefix + "negative_prompt"),
        row.getBoolean(prefix + "is_favorite"),
        row.getBoolean(prefix + "is_enhanced"),
        row.getFloat(prefix + "generation_time"),
        row.getString(prefix + "model"),
        row.getString(prefix + "image_size"),
        row.getString(prefix + "aspect_ratio"),
        row.getInteger(prefix + "seed"),
        row.getInteger(prefix + "width"),
        row.getInteger(prefix + "height"),
        row.getString(prefix + "blurhash"),
        row.getOffsetDateTime(prefix + "created_at"));
  }

  public static GeneratedImage from(Row row) {
    return from(row, "");
  }
}
