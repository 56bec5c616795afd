package ai.monzie.generation.image;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** {@code image.deleted}: the owner deleted an image (row and files). */
public record ImageDeleted(
    UUID imageId, UUID userId, UUID sceneId, boolean wasFavorite, Instant deletedAt)
    implements DomainEvent {

  /** The image row just deleted. */
  public static ImageDeleted of(GeneratedImage image) {
    return new ImageDeleted(
        image.id(), image.userId(), image.sceneId(), image.isFavorite(), Instant.now());
  }

  @Override
  public String topic() {
    return Topics.IMAGE_DELETED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
