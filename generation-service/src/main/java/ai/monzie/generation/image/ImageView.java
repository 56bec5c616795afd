package ai.monzie.generation.image;

import ai.monzie.generation.storage.FileSigner;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An image as the API shows it, with short-lived signed URLs. */
public record ImageView(
    UUID id,
    UUID generationId,
    UUID sceneId,
    String sceneName,
    String sceneCategory,
    String imageUrl,
    String thumbnailUrl,
    String originalPhotoUrl,
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
    OffsetDateTime createdAt) {

  public static ImageView of(GeneratedImage image, FileSigner signer) {
    return new ImageView(
        image.id(),
        image.generationId(),
        image.sceneId(),
        image.sceneName(),
        image.sceneCategory(),
        signer.url(image.imageKey()),
        image.thumbnailKey() == null ? null : signer.url(image.thumbnailKey()),
        image.originalPhotoKey() == null ? null : signer.url(image.originalPhotoKey()),
        image.prompt(),
        image.negativePrompt(),
        image.isFavorite(),
        image.isEnhanced(),
        image.generationTime(),
        image.model(),
        image.imageSize(),
        image.aspectRatio(),
        image.seed(),
        image.width(),
        image.height(),
        image.createdAt());
  }
}
