package ai.monzie.profile.subscription;

import static ai.monzie.profile.subscription.StoreWebhooks.causedBy;
import static ai.monzie.profile.subscription.StoreWebhooks.eventsOf;
import static ai.monzie.profile.subscription.StoreWebhooks.revenueCat;
import static ai.monzie.profile.subscription.StoreWebhooks.sendRevenueCat;
import static ai.monzie.profile.subscription.StoreWebhooks.upTo;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.platform.events.Topics;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RevenueCat webhooks → plan periods and pack credits, as events on the wire. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class RevenueCatEntitlementTest {

  @Inject Pool pool;
  @Inject MeterRegistry meters;

  String outcome(String eventId) {
    var rows =
        pool.preparedQuery("SELECT outcome FROM store_events WHERE event_id = $1")
            .execute(Tuple.of(eventId))
            .await()
            .indefinitely();
    return rows.size() == 0 ? null : rows.iterator().next().getString("outcome");
  }

  static String id(ObjectNode event) {
    return event.get("id").asText();
  }

  @Test
  void anInitialPurchaseOfWeeklyStartsAPeriodOf40CreditsAndAReplayChangesNothing() {
    String user = ProfileFixtures.signUp().id();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant end = now.plus(7, ChronoUnit.DAYS);
    ObjectNode purchase = revenueCat("INITIAL_PURCHASE", user, "monzie_weekly", now, end);
    sendRevenueCat(purchase);
    sendRevenueCat(purchase); // RevenueCat retries with the same id
    // a later event of the same user on the same partition: once it is read, a duplicate would be
    ObjectNode marker =
        revenueCat("EXPIRATION", user, "monzie_weekly", now.plusSeconds(60), now.plusSeconds(60));
    sendRevenueCat(marker);

    List<JsonNode> events = eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(id(marker)));
    List<JsonNode> started = causedBy(events, id(purchase));
    assertThat(started).hasSize(1);
    JsonNode e = started.get(0);
    assertThat(e.get("plan_key").asText()).isEqualTo("monzie_weekly");
    assertThat(e.get("credits").asInt()).isEqualTo(40);
    assertThat(e.get("unlimited").asBoolean()).isFalse();
    assertThat(Instant.parse(e.get("period_start").asText())).isEqualTo(now);
    assertThat(Instant.parse(e.get("period_end").asText())).isEqualTo(end);
    JsonNode ended = causedBy(events, id(marker)).get(0);
    assertThat(ended.get("plan_key").isNull()).isTrue();
    assertThat(ended.get("credits").asInt()).isZero();
    assertThat(ended.get("period_end").isNull()).isTrue();
    assertThat(outcome(id(purchase))).isEqualTo("applied");
  }

  @Test
  void theSameEventDeliveredInParallelHasOneEffect() {
    String user = ProfileFixtures.signUp().id();
    Instant now = Instant.now();
    ObjectNode purchase =
        revenueCat("INITIAL_PURCHASE", user, "monzie_monthly", now, now.plus(30, ChronoUnit.DAYS));
    ProfileFixtures.ensureDemoPlans();
    Parallel.run(12, i -> sendRevenueCat(purchase));
    ObjectNode marker =
        revenueCat("EXPIRATION", user, "monzie_monthly", now.plusSeconds(5), now.plusSeconds(5));
    sendRevenueCat(marker);
    List<JsonNode> events = eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(id(marker)));
    assertThat(causedBy(events, id(purchase))).hasSize(1);
    assertThat(causedBy(events, id(purchase)).get(0).get("credits").asInt()).isEqualTo(180);
  }

  @Test
  void aRenewalStartsAFreshPeriodAndALateRenewalAfterTheExpirationNeverResurrects() {
    String user = ProfileFixtures.signUp().id();
    Instant t0 = Instant.now().minus(3, ChronoUnit.HOURS);
    ObjectNode purchase =
        revenueCat("INITIAL_PURCHASE", user, "monzie_weekly", t0, t0.plus(1, ChronoUnit.HOURS));
    ObjectNode renewal =
        revenueCat(
            "RENEWAL",
            user,
            "monzie_weekly",
            t0.plus(1, ChronoUnit.HOURS),
            t0.plus(2, ChronoUnit.HOURS));
    // happened before the expiration, delivered after it
    ObjectNode lateRenewal =
        revenueCat(
            "RENEWAL",
            user,
            "monzie_weekly",
            t0.plus(90, ChronoUnit.MINUTES),
            Instant.now().plus(7, ChronoUnit.DAYS));
    ObjectNode expiration =
        revenueCat(
            "EXPIRATION",
            user,
            "monzie_weekly",
            t0.plus(2, ChronoUnit.HOURS),
            t0.plus(2, ChronoUnit.HOURS));
    sendRevenueCat(purchase);
    sendRevenueCat(renewal);
    sendRevenueCat(expiration);
    sendRevenueCat(lateRenewal);
    ObjectNode marker = revenueCat("INITIAL_PURCHASE", user, "monzie_yearly", Instant.now(), null);
    sendRevenueCat(marker);

    List<JsonNode> events = eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(id(marker)));
    assertThat(events)
        .extracting(e -> e.get("source_event_id").asText())
        .containsExactly(id(purchase), id(renewal), id(expiration), id(marker));
    assertThat(causedBy(events, id(renewal)).get(0).get("credits").asInt()).isEqualTo(40);
    assertThat(outcome(id(lateRenewal))).isEqualTo("stale");
    // a period without expiration_at_ms lasts the plan's period_days
    JsonNode yearly = causedBy(events, id(marker)).get(0);
    assertThat(
            Instant.parse(yearly.get("period_end").asText())
                .minusMillis(Instant.parse(yearly.get("period_start").asText()).toEpochMilli())
                .toEpochMilli())
        .isEqualTo(365L * 24 * 3600 * 1000);
  }

  @Test
  void aProductChangeMovesToTheNewPlanAndTheOldProductsExpirationDoesNotEndIt() {
    String user = ProfileFixtures.signUp().id();
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS);
    ObjectNode purchase =
        revenueCat("INITIAL_PURCHASE", user, "monzie_weekly", t0, t0.plus(7, ChronoUnit.DAYS));
    ObjectNode change =
        revenueCat(
            "PRODUCT_CHANGE",
            user,
            "monzie_weekly",
            t0.plusSeconds(60),
            t0.plus(30, ChronoUnit.DAYS));
    change.put("new_product_id", "monzie_monthly");
    ObjectNode oldEnds =
        revenueCat("EXPIRATION", user, "monzie_weekly", t0.plusSeconds(120), t0.plusSeconds(120));
    ObjectNode marker =
        revenueCat("EXPIRATION", user, "monzie_monthly", t0.plusSeconds(180), t0.plusSeconds(180));
    sendRevenueCat(purchase);
    sendRevenueCat(change);
    sendRevenueCat(oldEnds);
    sendRevenueCat(marker);
    List<JsonNode> events = eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(id(marker)));
    assertThat(events)
        .extracting(e -> e.get("source_event_id").asText())
        .containsExactly(id(purchase), id(change), id(marker));
    JsonNode changed = causedBy(events, id(change)).get(0);
    assertThat(changed.get("plan_key").asText()).isEqualTo("monzie_monthly");
    assertThat(changed.get("credits").asInt()).isEqualTo(180);
    assertThat(outcome(id(oldEnds))).isEqualTo("other_plan");
  }

  @Test
  void aCancellationRunsToThePeriodEndAnUncancellationRefillsNothingAndARefundEndsNow() {
    String user = ProfileFixtures.signUp().id();
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS);
    Instant end = t0.plus(7, ChronoUnit.DAYS);
    ObjectNode purchase = revenueCat("INITIAL_PURCHASE", user, "monzie_weekly", t0, end);
    ObjectNode cancel = revenueCat("CANCELLATION", user, "monzie_weekly", t0.plusSeconds(60), end);
    cancel.put("cancel_reason", "UNSUBSCRIBE");
    ObjectNode uncancel =
        revenueCat("UNCANCELLATION", user, "monzie_weekly", t0.plusSeconds(120), end);
    ObjectNode refund = revenueCat("CANCELLATION", user, "monzie_weekly", t0.plusSeconds(180), end);
    refund.put("cancel_reason", "CUSTOMER_SUPPORT");
    sendRevenueCat(purchase);
    sendRevenueCat(cancel);
    sendRevenueCat(uncancel);
    sendRevenueCat(refund);
    List<JsonNode> events = eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(id(refund)));
    assertThat(events)
        .extracting(e -> e.get("source_event_id").asText())
        .containsExactly(id(purchase), id(refund));
    assertThat(outcome(id(cancel))).isEqualTo("applied");
    assertThat(outcome(id(uncancel))).isEqualTo("same_period");
    JsonNode refunded = causedBy(events, id(refund)).get(0);
    assertThat(refunded.get("plan_key").isNull()).isTrue();
    assertThat(refunded.get("unlimited").asBoolean()).isFalse();
  }

  @Test
  void theUnlimitedPlanIsPremiumWithNoCreditsToCount() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Instant now = Instant.now();
    ObjectNode purchase =
        revenueCat(
            "INITIAL_PURCHASE",
            account.id(),
            "monzie_premium_monthly",
            now,
            now.plus(30, ChronoUnit.DAYS));
    sendRevenueCat(purchase);
    JsonNode e =
        causedBy(
                eventsOf(Topics.ENTITLEMENT_CHANGED, account.id(), upTo(id(purchase))),
                id(purchase))
            .get(0);
    assertThat(e.get("unlimited").asBoolean()).isTrue();
    assertThat(e.get("credits").asInt()).isZero();
    assertThat(ProfileFixtures.me(account).getBoolean("is_premium")).isTrue();
    // a credit plan is not premium: its credits are counted
    ProfileFixtures.Account weekly = ProfileFixtures.signUp();
    sendRevenueCat(
        revenueCat(
            "INITIAL_PURCHASE", weekly.id(), "monzie_weekly", now, now.plus(7, ChronoUnit.DAYS)));
    var profile = ProfileFixtures.me(weekly);
    assertThat(profile.getBoolean("is_premium")).isFalse();
    assertThat(profile.getString("subscription_status")).isEqualTo("active");
  }

  @Test
  void aPackGrantsCreditsOnceAndItsRefundRevokesThatGrantOnce() {
    String user = ProfileFixtures.signUp().id();
    Instant now = Instant.now();
    ObjectNode pack = revenueCat("NON_RENEWING_PURCHASE", user, "monzie_credits_50", now, null);
    ObjectNode other =
        revenueCat("NON_RENEWING_PURCHASE", user, "monzie_credits_200", now.plusSeconds(1), null);
    sendRevenueCat(pack);
    sendRevenueCat(pack);
    sendRevenueCat(other);
    List<JsonNode> granted = eventsOf(Topics.CREDITS_GRANTED, user, upTo(id(other)));
    assertThat(causedBy(granted, id(pack))).hasSize(1);
    assertThat(causedBy(granted, id(pack)).get(0).get("amount").asInt()).isEqualTo(50);
    assertThat(causedBy(granted, id(pack)).get(0).get("expires_at").isNull()).isTrue();
    assertThat(causedBy(granted, id(other)).get(0).get("amount").asInt()).isEqualTo(200);

    ObjectNode refund =
        revenueCat("CANCELLATION", user, "monzie_credits_50", now.plusSeconds(60), null);
    refund.put("cancel_reason", "CUSTOMER_SUPPORT");
    refund.put("transaction_id", pack.get("transaction_id").asText());
    sendRevenueCat(refund);
    sendRevenueCat(refund);
    ObjectNode refundOther =
        revenueCat("CANCELLATION", user, "monzie_credits_200", now.plusSeconds(61), null);
    refundOther.put("cancel_reason", "CUSTOMER_SUPPORT");
    refundOther.put("transaction_id", other.get("transaction_id").asText());
    sendRevenueCat(refundOther);
    List<JsonNode> revoked = eventsOf(Topics.CREDITS_REVOKED, user, upTo(id(refundOther)));
    assertThat(causedBy(revoked, id(refund))).hasSize(1);
    JsonNode r = causedBy(revoked, id(refund)).get(0);
    assertThat(r.get("amount").asInt()).isEqualTo(50);
    assertThat(r.get("grant_source_event_id").asText()).isEqualTo(id(pack));
    assertThat(causedBy(revoked, id(refundOther)).get(0).get("grant_source_event_id").asText())
        .isEqualTo(id(other));
  }

  @Test
  void aPackRefundDeliveredBeforeItsPurchaseMeansThePurchaseGrantsNothing() {
    String user = ProfileFixtures.signUp().id();
    Instant now = Instant.now();
    ObjectNode pack = revenueCat("NON_RENEWING_PURCHASE", user, "monzie_credits_50", now, null);
    ObjectNode refund =
        revenueCat("CANCELLATION", user, "monzie_credits_50", now.plusSeconds(60), null);
    refund.put("cancel_reason", "CUSTOMER_SUPPORT");
    refund.put("transaction_id", pack.get("transaction_id").asText());
    sendRevenueCat(refund);
    sendRevenueCat(pack);
    assertThat(outcome(id(refund))).isEqualTo("refund_without_grant");
    assertThat(outcome(id(pack))).isEqualTo("refunded_before_delivery");
  }

  @Test
  void anUnknownProductIsStoredAnswered200CountedAndGrantsNothing() {
    String user = ProfileFixtures.signUp().id();
    double before = unknownProducts();
    Instant now = Instant.now();
    ObjectNode unknown =
        revenueCat("INITIAL_PURCHASE", user, "monzie_lifetime_gold", now, now.plusSeconds(3600));
    sendRevenueCat(unknown);
    assertThat(outcome(id(unknown))).isEqualTo("unknown_product");
    assertThat(unknownProducts()).isEqualTo(before + 1);
    ObjectNode marker =
        revenueCat(
            "INITIAL_PURCHASE", user, "monzie_weekly", now.plusSeconds(1), now.plusSeconds(3600));
    sendRevenueCat(marker);
    assertThat(eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(id(marker))))
        .extracting(e -> e.get("source_event_id").asText())
        .containsExactly(id(marker));
  }

  @Test
  void anUnknownUserIsRecordedAndGrantsNothing() {
    ObjectNode purchase =
        revenueCat(
            "INITIAL_PURCHASE",
            java.util.UUID.randomUUID().toString(),
            "monzie_weekly",
            Instant.now(),
            null);
    sendRevenueCat(purchase);
    assertThat(outcome(id(purchase))).isEqualTo("unknown_user");
  }

  double unknownProducts() {
    var counter = meters.find("monzie.store.unknown.products").tag("store", "revenuecat").counter();
    return counter == null ? 0 : counter.count();
  }
}
