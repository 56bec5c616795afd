package ai.monzie.generation.image;

import ai.monzie.generation.storage.FileSigner;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An image as the API shows it, with short-lived signed URLs. */
public record ImageView(
    UUID id,
    UUID generationId,
    UUID sceneId,
    String sceneName,
    @Schema(nullable = true) String sceneCategory,
    String imageUrl,
    @Schema(nullable = true) String thumbnailUrl,
    @Schema(nullable = true) String originalPhotoUrl,
    String prompt,
    @Schema(nullable = true) String negativePrompt,
    boolean isFavorite,
    boolean isEnhanced,
    float generationTime,
    String model,
    @Schema(nullable = true) String imageSize,
    @Schema(nullable = true) String aspectRatio,
    @Schema(nullable = true) Integer seed,
    @Schema(nullable = true) Integer width,
    @Schema(nullable = true) Integer height,
    @Schema(
            nullable = true,
            description =
                "BlurHash of the image (blurha.sh): a placeholder to draw before it loads")
        String blurhash,
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
        image.blurhash(),
        image.createdAt());
  }
}
