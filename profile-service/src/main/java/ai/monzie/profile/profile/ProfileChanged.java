package ai.monzie.profile.profile;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code profile.changed} snapshot (deploy/contracts/schemas/profile.changed.json). */
public record ProfileChanged(
    UUID userId,
    String gender,
    boolean isPremium,
    String subscriptionStatus,
    OffsetDateTime subscriptionExpiresAt,
    long version,
    OffsetDateTime changedAt)
    implements DomainEvent {

  public static ProfileChanged of(Profile profile) {
    return new ProfileChanged(
        profile.id(),
        profile.gender(),
        profile.isPremium(),
        profile.subscriptionStatus(),
        profile.subscriptionExpiresAt(),
        profile.version(),
        OffsetDateTime.now());
  }

  @Override
  public String topic() {
    return Topics.PROFILE_CHANGED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
