package ai.monzie.profile.subscription;

import static io.restassured.RestAssured.given;

import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.assertj.core.api.Assertions;

/**
 * Store webhooks in the stores' own wire formats (RevenueCat api_version 1.0, Adapty
 * event_api_version 1), and the events they cause read back from Kafka.
 */
final class StoreWebhooks {
  private StoreWebhooks() {}

  static final String RC_SECRET = "test-webhook-secret";
  static final String ADAPTY_SECRET = "test-adapty-secret";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A RevenueCat event object; add fields with {@code .put}. */
  static ObjectNode revenueCat(
      String type, String userId, String product, Instant eventTime, Instant expiration) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", UUID.randomUUID().toString().toUpperCase());
    e.put("type", type);
    e.put("app_user_id", userId);
    e.put("original_app_user_id", userId);
    e.putArray("aliases").add(userId);
    e.put("product_id", product);
    e.putArray("entitlement_ids").add("pro");
    e.put("period_type", "NORMAL");
    e.put("purchased_at_ms", eventTime.toEpochMilli());
    if (expiration == null) {
      e.putNull("expiration_at_ms");
    } else {
      e.put("expiration_at_ms", expiration.toEpochMilli());
    }
    e.put("event_timestamp_ms", eventTime.toEpochMilli());
    e.put("environment", "PRODUCTION");
    e.put("store", "APP_STORE");
    e.put("transaction_id", "1000000" + (System.nanoTime() % 100000000));
    e.put("original_transaction_id", "1000000" + (System.nanoTime() % 100000000));
    e.put("currency", "USD");
    e.put("price", 6.99);
    return e;
  }

  static ValidatableResponse sendRevenueCat(ObjectNode event) {
    ProfileFixtures.ensureDemoPlans();
    ObjectNode body = JSON.createObjectNode();
    body.put("api_version", "1.0");
    body.set("event", event);
    return given()
        .header("Authorization", "Bearer " + RC_SECRET)
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/v1/webhooks/revenuecat")
        .then()
        .statusCode(200);
  }

  private static final DateTimeFormatter ADAPTY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxx").withZone(ZoneOffset.UTC);

  /** An Adapty webhook body; event_properties reachable with {@code .with("event_properties")}. */
  static ObjectNode adapty(
      String type, String userId, String product, Instant eventTime, Instant expiration) {
    ObjectNode body = JSON.createObjectNode();
    body.put("profile_id", UUID.randomUUID().toString());
    body.put("customer_user_id", userId);
    body.put("idfv", "00000000-0000-0000-0000-000000000000");
    body.put("event_type", type);
    body.put("event_datetime", ADAPTY_TIME.format(eventTime));
    body.put("event_api_version", 1);
    ObjectNode p = body.putObject("event_properties");
    p.put("store", "app_store");
    p.put("currency", "USD");
    p.put("price_usd", 6.99);
    p.put("profile_event_id", UUID.randomUUID().toString());
    p.put("vendor_product_id", product);
    p.put("environment", "Production");
    p.put("purchase_date", ADAPTY_TIME.format(eventTime));
    p.put("original_purchase_date", ADAPTY_TIME.format(eventTime));
    if (expiration != null) {
      p.put("subscription_expires_at", ADAPTY_TIME.format(expiration));
    }
    p.put("transaction_id", "2000000" + (System.nanoTime() % 100000000));
    p.put("original_transaction_id", "2000000" + (System.nanoTime() % 100000000));
    p.put("profile_has_access_level", true);
    return body;
  }

  static ValidatableResponse sendAdapty(ObjectNode body, String secret) {
    ProfileFixtures.ensureDemoPlans();
    return given()
        .header("Authorization", secret)
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/v1/webhooks/adapty")
        .then();
  }

  static String adaptyId(ObjectNode body) {
    return body.get("event_properties").get("profile_event_id").asText();
  }

  /**
   * The user's events on the topic, read until {@code done} holds for them; each validated against
   * the topic's contract schema and keyed by the user id.
   */
  static List<JsonNode> eventsOf(String topic, String userId, Predicate<List<JsonNode>> done) {
    List<KafkaProbe.Event> read =
        KafkaProbe.readUntil(topic, Duration.ofSeconds(30), all -> done.test(parse(all, userId)));
    for (KafkaProbe.Event e : read) {
      if (userId.equals(e.key())) {
        Assertions.assertThat(ContractSchemas.validate(topic, e.value())).as(e.value()).isEmpty();
      }
    }
    return parse(read, userId);
  }

  /** Until an event caused by the given store event id has been read. */
  static Predicate<List<JsonNode>> upTo(String sourceEventId) {
    return events ->
        events.stream().anyMatch(e -> e.path("source_event_id").asText().equals(sourceEventId));
  }

  static List<JsonNode> causedBy(List<JsonNode> events, String sourceEventId) {
    return events.stream()
        .filter(e -> e.path("source_event_id").asText().equals(sourceEventId))
        .toList();
  }

  private static List<JsonNode> parse(List<KafkaProbe.Event> all, String userId) {
    return all.stream()
        .filter(e -> userId.equals(e.key()))
        .map(
            e -> {
              try {
                return JSON.readTree(e.value());
              } catch (java.io.IOException ex) {
                throw new UncheckedIOException(ex);
              }
            })
        .filter(n -> n.path("user_id").asText().equals(userId))
        .toList();
  }
}
