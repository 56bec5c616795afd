package ai.monzie.profile.profile;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code user.deleted} payload (deploy/contracts/schemas/user.deleted.json). */
public record UserDeleted(UUID userId, OffsetDateTime deletedAt) implements DomainEvent {

  public static UserDeleted now(UUID userId) {
    return new UserDeleted(userId, OffsetDateTime.now());
  }

  @Override
  public String topic() {
    return Topics.USER_DELETED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
