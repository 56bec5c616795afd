package ai.monzie.generation.snapshot;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** What generation needs of a user, as the last {@code profile.changed} described it. */
public record UserSnapshot(
    UUID userId,
    String gender,
    boolean isPremium,
    String subscriptionStatus,
    OffsetDateTime subscriptionExpiresAt,
    long version,
    OffsetDateTime changedAt) {

  /** Premium ends at expiry even if no event said so (DESIGN.md §4, RevenueCat). */
  public boolean premiumAt(Instant now) {
    return isPremium
        && (subscriptionExpiresAt == null || subscriptionExpiresAt.toInstant().isAfter(now));
  }
}
