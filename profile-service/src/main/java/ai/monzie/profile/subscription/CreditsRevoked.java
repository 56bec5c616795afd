package ai.monzie.profile.subscription;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code credits.revoked}: a pack was refunded. generation-service removes what is left of the
 * grant named by grant_source_event_id (never below zero): credits already spent stay spent.
 */
public record CreditsRevoked(
    UUID userId,
    int amount,
    String sourceEventId,
    String grantSourceEventId,
    OffsetDateTime revokedAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.CREDITS_REVOKED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
