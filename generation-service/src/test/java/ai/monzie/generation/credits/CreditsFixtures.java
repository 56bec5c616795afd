package ai.monzie.generation.credits;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Plans and packs as profile-service announces them: events on the real broker, in the contract's
 * shape ({@code entitlement.changed}, {@code credits.granted}, {@code credits.revoked}).
 */
public final class CreditsFixtures {
  private CreditsFixtures() {}

  /** A plan period starting now: the weekly plan of 40 credits, 7 days, or any other. */
  public static KafkaProbe.Outgoing plan(
      UUID user, String planKey, int credits, Instant start, String sourceEventId) {
    return entitlement(
        user, planKey, credits, start, start.plus(Duration.ofDays(7)), false, sourceEventId, start);
  }

  public static KafkaProbe.Outgoing entitlement(
      UUID user,
      String planKey,
      int credits,
      Instant periodStart,
      Instant periodEnd,
      boolean unlimited,
      String sourceEventId,
      Instant changedAt) {
    Map<String, Object> e = new HashMap<>();
    e.put("user_id", user.toString());
    e.put("plan_key", planKey);
    e.put("credits", credits);
    e.put("period_start", periodStart == null ? null : periodStart.toString());
    e.put("period_end", periodEnd == null ? null : periodEnd.toString());
    e.put("unlimited", unlimited);
    e.put("source_event_id", sourceEventId);
    e.put("changed_at", changedAt.toString());
    return event(Topics.ENTITLEMENT_CHANGED, user, e);
  }

  public static KafkaProbe.Outgoing granted(UUID user, int amount, String sourceEventId) {
    Map<String, Object> e = new HashMap<>();
    e.put("user_id", user.toString());
    e.put("amount", amount);
    e.put("source_event_id", sourceEventId);
    e.put("expires_at", null);
    e.put("granted_at", Instant.now().toString());
    return event(Topics.CREDITS_GRANTED, user, e);
  }

  public static KafkaProbe.Outgoing revoked(
      UUID user, int amount, String sourceEventId, String grantSourceEventId) {
    Map<String, Object> e = new HashMap<>();
    e.put("user_id", user.toString());
    e.put("amount", amount);
    e.put("source_event_id", sourceEventId);
    e.put("grant_source_event_id", grantSourceEventId);
    e.put("revoked_at", Instant.now().toString());
    return event(Topics.CREDITS_REVOKED, user, e);
  }

  /** The same store event published again under a new CloudEvents id (a producer retry). */
  public static KafkaProbe.Outgoing republished(KafkaProbe.Outgoing event) {
    return new KafkaProbe.Outgoing(
        event.topic(), event.key(), UUID.randomUUID().toString(), event.json());
  }

  public static void publish(KafkaProbe.Outgoing... events) {
    KafkaProbe.publishAll(java.util.List.of(events));
  }

  /** Waits until GET /v1/usage shows that many generations available. */
  public static void awaitAvailable(UUID user, Integer available) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Objects.equals(
                    as(user).get("/v1/usage").then().statusCode(200).extract().path("available"),
                    available));
  }

  /** Waits until the consumer has applied an event of that CloudEvents id. */
  public static void awaitApplied(KafkaProbe.Outgoing event) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                GenerationFixtures.count(
                        "SELECT count(*) FROM processed_events WHERE event_id = $1",
                        Tuple.of(event.eventId()))
                    == 1);
  }

  /** The exactness invariant: every grant's balance equals the sum of its ledger rows. */
  public static void assertBalancesEqualLedger(UUID user) {
    for (Row row :
        GenerationFixtures.all(
            "SELECT g.grant_id, g.balance, coalesce((SELECT sum(l.amount) FROM credit_ledger l"
                + " WHERE l.user_id = g.user_id AND l.bucket = g.bucket"
                + " AND l.grant_id = g.grant_id), 0) AS ledger"
                + " FROM credit_grants g WHERE g.user_id = $1",
            Tuple.of(user))) {
      assertThat(row.getLong("ledger"))
          .as("ledger of grant %s", row.getString("grant_id"))
          .isEqualTo(row.getInteger("balance").longValue());
    }
  }

  /** The signed sum of the user's ledger rows of a kind. */
  public static long ledgerSum(UUID user, String kind) {
    return GenerationFixtures.count(
        "SELECT coalesce(sum(amount), 0) FROM credit_ledger WHERE user_id = $1 AND kind = $2",
        Tuple.of(user, kind));
  }

  public static long ledgerRows(UUID user, String kind, String cause) {
    return GenerationFixtures.count(
        "SELECT count(*) FROM credit_ledger WHERE user_id = $1 AND kind = $2 AND cause = $3",
        Tuple.of(user, kind, cause));
  }

  public static int balance(UUID user, String grantId) {
    Row row =
        GenerationFixtures.one(
            "SELECT balance FROM credit_grants WHERE user_id = $1 AND grant_id = $2",
            Tuple.of(user, grantId));
    return row == null ? -1 : row.getInteger(0);
  }

  private static KafkaProbe.Outgoing event(String topic, UUID user, Map<String, Object> payload) {
    return new KafkaProbe.Outgoing(
        topic, user.toString(), UUID.randomUUID().toString(), GenerationFixtures.json(payload));
  }
}
