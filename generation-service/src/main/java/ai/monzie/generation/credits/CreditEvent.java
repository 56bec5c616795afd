package ai.monzie.generation.credits;

import java.time.Instant;
import java.util.UUID;

/**
 * The events profile-service publishes about a user's plan and packs, as this service reads them
 * (fields it does not use are ignored). Each names the store event that caused it.
 */
public sealed interface CreditEvent {

  UUID userId();

  String sourceEventId();

  /** A check the JSON types cannot make; a payload that fails it is skipped (logged). */
  void validate();

  /** entitlement.changed: a plan period began, changed or ended (plan_key null: back to free). */
  record EntitlementChanged(
      UUID userId,
      String planKey,
      Integer credits,
      Instant periodStart,
      Instant periodEnd,
      Boolean unlimited,
      String sourceEventId,
      Instant changedAt)
      implements CreditEvent {
    @Override
    public void validate() {
      require(userId != null && sourceEventId != null && changedAt != null, "ids and changed_at");
      require(credits == null || credits >= 0, "credits >= 0");
    }

    Entitlement entitlement() {
      boolean isUnlimited = Boolean.TRUE.equals(unlimited);
      return new Entitlement(
          planKey,
          isUnlimited,
          credits == null || isUnlimited || planKey == null ? 0 : credits,
          periodStart,
          periodEnd,
          sourceEventId,
          changedAt);
    }
  }

  /** credits.granted: a pack was bought; its credits never expire unless expires_at says so. */
  record CreditsGranted(
      UUID userId, Integer amount, String sourceEventId, Instant expiresAt, Instant grantedAt)
      implements CreditEvent {
    @Override
    public void validate() {
      require(userId != null && sourceEventId != null, "user_id and source_event_id");
      require(amount != null && amount > 0, "amount > 0");
    }
  }

  /** credits.revoked: a pack was refunded; what is left of that grant goes. */
  record CreditsRevoked(
      UUID userId,
      Integer amount,
      String sourceEventId,
      String grantSourceEventId,
      Instant revokedAt)
      implements CreditEvent {
    @Override
    public void validate() {
      require(
          userId != null && sourceEventId != null && grantSourceEventId != null,
          "user_id, source_event_id and grant_source_event_id");
      require(amount != null && amount >= 0, "amount >= 0");
    }
  }

  private static void require(boolean holds, String what) {
    if (!holds) {
      throw new IllegalArgumentException("payload breaks the contract: " + what);
    }
  }
}
