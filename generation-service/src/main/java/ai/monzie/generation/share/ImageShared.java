package ai.monzie.generation.share;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** {@code image.shared}: the owner made a share link (written with the link, one transaction). */
public record ImageShared(UUID imageId, UUID userId, UUID sceneId, Instant sharedAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.IMAGE_SHARED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
