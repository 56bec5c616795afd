package ai.monzie.generation.job;

import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** {@code image.generated}: written with the image row, in one transaction. */
public record ImageGenerated(
    UUID imageId,
    UUID generationId,
    UUID userId,
    UUID sceneId,
    String sceneName,
    String sceneCategory,
    String model,
    double generationTime,
    boolean isEnhanced,
    Instant createdAt,
    Integer width,
    Integer height,
    String blurhash)
    implements DomainEvent {

  /** The job's image, as stored. */
  public static ImageGenerated of(Job job, GeneratedImage image) {
    return new ImageGenerated(
        image.id(),
        job.id(),
        job.userId(),
        job.scene().id(),
        job.scene().name(),
        job.scene().category(),
        job.render().model(),
        image.generationTime(),
        job.isEnhance(),
        image.createdAt().toInstant(),
        image.width(),
        image.height(),
        image.blurhash());
  }

  @Override
  public String topic() {
    return Topics.IMAGE_GENERATED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
