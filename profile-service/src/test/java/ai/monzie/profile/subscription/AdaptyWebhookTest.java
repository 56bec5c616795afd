package ai.monzie.profile.subscription;

import static ai.monzie.profile.subscription.StoreWebhooks.ADAPTY_SECRET;
import static ai.monzie.profile.subscription.StoreWebhooks.adapty;
import static ai.monzie.profile.subscription.StoreWebhooks.adaptyId;
import static ai.monzie.profile.subscription.StoreWebhooks.causedBy;
import static ai.monzie.profile.subscription.StoreWebhooks.eventsOf;
import static ai.monzie.profile.subscription.StoreWebhooks.sendAdapty;
import static ai.monzie.profile.subscription.StoreWebhooks.upTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.platform.events.Topics;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adapty webhooks map to the same plan periods and pack credits as RevenueCat's. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class AdaptyWebhookTest {

  @Inject Pool pool;

  boolean recorded(String eventId) {
    return pool.preparedQuery("SELECT 1 FROM store_events WHERE event_id = $1")
            .execute(Tuple.of(eventId))
            .await()
            .indefinitely()
            .size()
        == 1;
  }

  @Test
  void subscriptionStartedRenewedAndExpiredDriveThePlanPeriod() {
    String user = ProfileFixtures.signUp().id();
    Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    ObjectNode started =
        adapty("subscription_started", user, "monzie_weekly", t0, t0.plus(7, ChronoUnit.DAYS));
    ObjectNode renewed =
        adapty(
            "subscription_renewed",
            user,
            "monzie_weekly",
            t0.plus(1, ChronoUnit.HOURS),
            t0.plus(14, ChronoUnit.DAYS));
    ObjectNode expired =
        adapty(
            "subscription_expired",
            user,
            "monzie_weekly",
            t0.plus(2, ChronoUnit.HOURS),
            t0.plus(2, ChronoUnit.HOURS));
    sendAdapty(started, ADAPTY_SECRET).statusCode(200).body("received", equalTo(true));
    sendAdapty(started, ADAPTY_SECRET).statusCode(200); // replay
    sendAdapty(renewed, ADAPTY_SECRET).statusCode(200);
    sendAdapty(expired, ADAPTY_SECRET).statusCode(200);
    List<JsonNode> events = eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(adaptyId(expired)));
    assertThat(events)
        .extracting(e -> e.get("source_event_id").asText())
        .containsExactly(adaptyId(started), adaptyId(renewed), adaptyId(expired));
    JsonNode first = causedBy(events, adaptyId(started)).get(0);
    assertThat(first.get("plan_key").asText()).isEqualTo("monzie_weekly");
    assertThat(first.get("credits").asInt()).isEqualTo(40);
    assertThat(Instant.parse(first.get("period_start").asText())).isEqualTo(t0);
    assertThat(Instant.parse(first.get("period_end").asText()))
        .isEqualTo(t0.plus(7, ChronoUnit.DAYS));
    assertThat(causedBy(events, adaptyId(expired)).get(0).get("plan_key").isNull()).isTrue();
  }

  @Test
  void aRefundedSubscriptionEndsNowAndARefundedPackIsRevoked() {
    String user = ProfileFixtures.signUp().id();
    Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS);
    ObjectNode started =
        adapty("subscription_started", user, "monzie_monthly", t0, t0.plus(30, ChronoUnit.DAYS));
    ObjectNode refunded =
        adapty(
            "subscription_refunded",
            user,
            "monzie_monthly",
            t0.plusSeconds(60),
            t0.plus(30, ChronoUnit.DAYS));
    sendAdapty(started, ADAPTY_SECRET).statusCode(200);
    sendAdapty(refunded, ADAPTY_SECRET).statusCode(200);
    List<JsonNode> events = eventsOf(Topics.ENTITLEMENT_CHANGED, user, upTo(adaptyId(refunded)));
    assertThat(causedBy(events, adaptyId(started)).get(0).get("credits").asInt()).isEqualTo(180);
    assertThat(causedBy(events, adaptyId(refunded)).get(0).get("plan_key").isNull()).isTrue();

    ObjectNode pack = adapty("non_subscription_purchase", user, "monzie_credits_200", t0, null);
    sendAdapty(pack, ADAPTY_SECRET).statusCode(200);
    JsonNode granted =
        causedBy(eventsOf(Topics.CREDITS_GRANTED, user, upTo(adaptyId(pack))), adaptyId(pack))
            .get(0);
    assertThat(granted.get("amount").asInt()).isEqualTo(200);
    ObjectNode packRefund =
        adapty("subscription_refunded", user, "monzie_credits_200", t0.plusSeconds(120), null);
    packRefund
        .with("event_properties")
        .put("transaction_id", pack.get("event_properties").get("transaction_id").asText());
    sendAdapty(packRefund, ADAPTY_SECRET).statusCode(200);
    JsonNode revoked =
        causedBy(
                eventsOf(Topics.CREDITS_REVOKED, user, upTo(adaptyId(packRefund))),
                adaptyId(packRefund))
            .get(0);
    assertThat(revoked.get("amount").asInt()).isEqualTo(200);
    assertThat(revoked.get("grant_source_event_id").asText()).isEqualTo(adaptyId(pack));
  }

  @Test
  void aMissingOrWrongSecretIs401AndChangesNothing() {
    String user = ProfileFixtures.signUp().id();
    ObjectNode started =
        adapty(
            "subscription_started",
            user,
            "monzie_weekly",
            Instant.now(),
            Instant.now().plus(7, ChronoUnit.DAYS));
    sendAdapty(started, "wrong-secret").statusCode(401).contentType("application/problem+json");
    sendAdapty(started, ADAPTY_SECRET.substring(0, ADAPTY_SECRET.length() - 1)).statusCode(401);
    sendAdapty(started, "").statusCode(401);
    // the RevenueCat secret is not Adapty's
    sendAdapty(started, StoreWebhooks.RC_SECRET).statusCode(401);
    assertThat(recorded(adaptyId(started))).isFalse();
  }

  @Test
  void adaptysVerificationRequestIsAnsweredAndAnEventWithoutIdIs400() {
    ObjectNode check = StoreWebhooks.JSON.createObjectNode().put("adapty_check", "check-1234");
    sendAdapty(check, ADAPTY_SECRET)
        .statusCode(200)
        .body("adapty_check_response", equalTo("check-1234"));
    ObjectNode noId =
        adapty(
            "subscription_started",
            ProfileFixtures.signUp().id(),
            "monzie_weekly",
            Instant.now(),
            null);
    noId.with("event_properties").remove("profile_event_id");
    sendAdapty(noId, ADAPTY_SECRET).statusCode(400).contentType("application/problem+json");
  }

  @Test
  void anEventTypeThatGrantsNothingIsRecordedAndIgnored() {
    ObjectNode trial =
        adapty(
            "trial_started",
            ProfileFixtures.signUp().id(),
            "monzie_weekly",
            Instant.now(),
            Instant.now().plus(3, ChronoUnit.DAYS));
    sendAdapty(trial, ADAPTY_SECRET).statusCode(200);
    var outcome =
        pool.preparedQuery("SELECT outcome FROM store_events WHERE event_id = $1")
            .execute(Tuple.of(adaptyId(trial)))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getString("outcome");
    assertThat(outcome).isEqualTo("ignored");
  }
}
