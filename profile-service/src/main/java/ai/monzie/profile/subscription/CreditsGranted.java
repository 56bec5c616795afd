package ai.monzie.profile.subscription;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code credits.granted}: a pack was bought; expires_at null = the credits never expire. */
public record CreditsGranted(
    UUID userId,
    int amount,
    String sourceEventId,
    OffsetDateTime expiresAt,
    OffsetDateTime grantedAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.CREDITS_GRANTED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
