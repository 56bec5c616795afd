package ai.monzie.profile.subscription;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "profile")
class RevenueCatWebhookTest {

  static final String SECRET = "test-webhook-secret";

  @Inject SubscriptionService subscriptions;

  /** A webhook body in RevenueCat's format (api_version 1.0). */
  static String event(
      String id, String type, String appUserId, Instant expiration, Instant eventTime) {
    return """
        {"api_version":"1.0","event":{"id":"%s","type":"%s","app_user_id":"%s","original_app_user_id":"%s",
         "aliases":["%s"],"entitlement_ids":["premium"],"product_id":"monzie_premium_monthly",
         "period_type":"NORMAL","purchased_at_ms":%d,"expiration_at_ms":%s,"event_timestamp_ms":%d,
         "environment":"PRODUCTION","store":"APP_STORE","currency":"USD","price":9.99}}"""
        .formatted(
            id,
            type,
            appUserId,
            appUserId,
            appUserId,
            eventTime.toEpochMilli(),
            expiration == null ? "null" : String.valueOf(expiration.toEpochMilli()),
            eventTime.toEpochMilli());
  }

  static void send(String body) {
    ProfileFixtures.ensureDemoPlans(); // premium is the unlimited plan's product
    given()
        .header("Authorization", "Bearer " + SECRET)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/webhooks/revenuecat")
        .then()
        .statusCode(200);
  }

  @Test
  void purchaseMakesPremiumAndAReplayChangesNothing() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Instant now = Instant.now();
    String purchase =
        event(
            UUID.randomUUID().toString(),
            "INITIAL_PURCHASE",
            account.id(),
            now.plus(30, ChronoUnit.DAYS),
            now);
    send(purchase);
    JsonPath after = ProfileFixtures.me(account);
    assertThat(after.getBoolean("is_premium")).isTrue();
    assertThat(after.getString("subscription_status")).isEqualTo("active");
    long version = after.getLong("version");
    send(purchase); // RevenueCat retries: same event id
    assertThat(ProfileFixtures.me(account).getLong("version")).isEqualTo(version);
  }

  @Test
  void expirationEndsPremiumAndALateRenewalDoesNotResurrectIt() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS);
    send(
        event(
            UUID.randomUUID().toString(),
            "INITIAL_PURCHASE",
            account.id(),
            Instant.now().plus(1, ChronoUnit.DAYS),
            t0));
    send(
        event(
            UUID.randomUUID().toString(),
            "EXPIRATION",
            account.id(),
            Instant.now(),
            t0.plus(90, ChronoUnit.MINUTES)));
    assertThat(ProfileFixtures.me(account).getBoolean("is_premium")).isFalse();
    assertThat(ProfileFixtures.me(account).getString("subscription_status")).isEqualTo("expired");
    // a RENEWAL that happened before the expiration, delivered after it
    send(
        event(
            UUID.randomUUID().toString(),
            "RENEWAL",
            account.id(),
            Instant.now().plus(30, ChronoUnit.DAYS),
            t0.plus(60, ChronoUnit.MINUTES)));
    assertThat(ProfileFixtures.me(account).getBoolean("is_premium")).isFalse();
    // a genuinely newer renewal does bring it back
    send(
        event(
            UUID.randomUUID().toString(),
            "RENEWAL",
            account.id(),
            Instant.now().plus(30, ChronoUnit.DAYS),
            Instant.now()));
    assertThat(ProfileFixtures.me(account).getBoolean("is_premium")).isTrue();
  }

  @Test
  void premiumEndsAtExpiryEvenWithoutAnExpirationWebhook() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Instant soon = Instant.now().plusMillis(1500);
    send(
        event(UUID.randomUUID().toString(), "INITIAL_PURCHASE", account.id(), soon, Instant.now()));
    assertThat(ProfileFixtures.me(account).getBoolean("is_premium")).isTrue();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                !ProfileFixtures.me(account)
                    .getBoolean("is_premium")); // reads compare with the clock
    subscriptions.expireNow().await().indefinitely(); // the sweep records it and tells the others
    assertThat(ProfileFixtures.me(account).getString("subscription_status")).isEqualTo("expired");
  }

  @Test
  void cancellationKeepsPremiumUntilTheEndOfThePeriod() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Instant end = Instant.now().plus(10, ChronoUnit.DAYS);
    send(
        event(
            UUID.randomUUID().toString(),
            "INITIAL_PURCHASE",
            account.id(),
            end,
            Instant.now().minusSeconds(60)));
    send(event(UUID.randomUUID().toString(), "CANCELLATION", account.id(), end, Instant.now()));
    JsonPath p = ProfileFixtures.me(account);
    assertThat(p.getBoolean("is_premium")).isTrue();
    assertThat(p.getString("subscription_status")).isEqualTo("canceled");
  }

  @Test
  void unknownUsersAreAcceptedAndLogged() {
    send(
        event(
            UUID.randomUUID().toString(),
            "INITIAL_PURCHASE",
            "$RCAnonymousID:abc",
            Instant.now().plusSeconds(3600),
            Instant.now()));
    send(
        event(
            UUID.randomUUID().toString(),
            "RENEWAL",
            UUID.randomUUID().toString(),
            Instant.now().plusSeconds(3600),
            Instant.now()));
  }

  @Test
  void aMissingOrWrongSecretIs401() {
    String body =
        event(
            UUID.randomUUID().toString(),
            "INITIAL_PURCHASE",
            UUID.randomUUID().toString(),
            null,
            Instant.now());
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/webhooks/revenuecat")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer wrong")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/webhooks/revenuecat")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", SECRET)
        .contentType(ContentType.JSON)
        .body("{\"event\":{}}")
        .post("/v1/webhooks/revenuecat")
        .then()
        .statusCode(400)
        .body("field", equalTo("event"));
  }
}
