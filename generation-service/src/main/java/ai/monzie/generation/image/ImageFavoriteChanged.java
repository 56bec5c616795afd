package ai.monzie.generation.image;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code image.favorited} and {@code image.unfavorited}: one shape, the topic says which ({@code
 * favorite} picks it and is not on the wire).
 */
public record ImageFavoriteChanged(
    UUID imageId, UUID userId, UUID sceneId, Instant occurredAt, @JsonIgnore boolean favorite)
    implements DomainEvent {

  @Override
  public String topic() {
    return favorite ? Topics.IMAGE_FAVORITED : Topics.IMAGE_UNFAVORITED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
