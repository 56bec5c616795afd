package ai.monzie.generation.share;

import ai.monzie.generation.image.GeneratedImage;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A shared image as anyone sees it: no user id, email or name. */
public record SharedImage(
    @Schema(description = "Stable public URL, cacheable for a year") String imageUrl,
    @Schema(nullable = true) String thumbnailUrl,
    @Schema(nullable = true) Integer width,
    @Schema(nullable = true) Integer height,
    @Schema(nullable = true) String blurhash,
    String sceneName,
    @Schema(nullable = true) String sceneCategory,
    OffsetDateTime createdAt) {

  static SharedImage of(GeneratedImage image, String pageUrl) {
    return new SharedImage(
        pageUrl + "/image",
        image.thumbnailKey() == null ? null : pageUrl + "/thumbnail",
        image.width(),
        image.height(),
        image.blurhash(),
        image.sceneName(),
        image.sceneCategory(),
        image.createdAt());
  }
}
