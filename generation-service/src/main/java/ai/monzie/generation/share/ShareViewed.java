package ai.monzie.generation.share;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code image.share_viewed}: someone opened a share link (page or JSON; file fetches are not
 * views, a CDN serves most of them). {@code user_id} is the owner; the viewer is not recorded.
 */
public record ShareViewed(UUID imageId, UUID userId, UUID sceneId, String format, Instant viewedAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.IMAGE_SHARE_VIEWED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
