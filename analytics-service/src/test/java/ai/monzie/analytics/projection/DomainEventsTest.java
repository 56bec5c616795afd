package ai.monzie.analytics.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.analytics.AnalyticsFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "analytics")
class DomainEventsTest {

  static KafkaProbe.Outgoing generated(String user, double seconds) {
    return new KafkaProbe.Outgoing(
        Topics.IMAGE_GENERATED,
        user,
        UUID.randomUUID().toString(),
        """
        {"image_id":"%s","generation_id":"%s","user_id":"%s","scene_id":"%s","scene_name":"S","model":"local",
         "generation_time":%s,"is_enhanced":false,"created_at":"2026-11-25T10:00:00Z"}"""
            .formatted(UUID.randomUUID(), UUID.randomUUID(), user, UUID.randomUUID(), seconds));
  }

  static KafkaProbe.Outgoing failed(String user) {
    return new KafkaProbe.Outgoing(
        Topics.GENERATION_FAILED,
        user,
        UUID.randomUUID().toString(),
        """
        {"generation_id":"%s","user_id":"%s","scene_id":"%s","model":"local","reason":"x","failed_at":"2026-11-25T10:00:00Z"}"""
            .formatted(UUID.randomUUID(), user, UUID.randomUUID()));
  }

  @Test
  void duplicateDomainEventsAreRecordedOnceAndDailyStatsEqualADirectCount() {
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    List<KafkaProbe.Outgoing> events =
        new ArrayList<>(
            List.of(generated(a, 1.0), generated(a, 2.0), generated(b, 3.0), failed(b)));
    KafkaProbe.publishAll(events);
    KafkaProbe.publishAll(events); // redelivery
    // one marker behind each (topic, key) above: in the same partition, so once all are applied the
    // redelivered copies before them have been consumed too
    List<KafkaProbe.Outgoing> markers = List.of(generated(a, 4.0), generated(b, 4.0), failed(b));
    KafkaProbe.publishAll(markers);
    List<String> markerIds = markers.stream().map(KafkaProbe.Outgoing::eventId).toList();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                AnalyticsFixtures.count(
                        "SELECT count(*) FROM analytics_events WHERE event_id IN (?, ?, ?)",
                        markerIds.toArray())
                    == 3);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE user_id IN (?::uuid, ?::uuid)"
                    + " AND event_id NOT IN (?, ?, ?)",
                a,
                b,
                markerIds.get(0),
                markerIds.get(1),
                markerIds.get(2)))
        .isEqualTo(4);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonPath stats =
        given()
            .auth()
            .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
            .get("/v1/stats/generations/daily?days=7")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> day =
        stats.getList("", Map.class).stream()
            .filter(m -> today.toString().equals(m.get("date")))
            .findFirst()
            .orElseThrow();
    long total =
        AnalyticsFixtures.count(
            "SELECT count(*) FROM analytics_events WHERE event_name = 'image.generated'"
                + " AND created_at >= current_date AND created_at < current_date + 1");
    long users =
        AnalyticsFixtures.count(
            "SELECT count(DISTINCT user_id) FROM analytics_events WHERE event_name = 'image.generated'"
                + " AND created_at >= current_date AND created_at < current_date + 1");
    long failures =
        AnalyticsFixtures.count(
            "SELECT count(*) FROM analytics_events WHERE event_name = 'generation.failed'"
                + " AND created_at >= current_date AND created_at < current_date + 1");
    assertThat(((Number) day.get("total_generations")).longValue()).isEqualTo(total);
    assertThat(((Number) day.get("unique_users")).longValue()).isEqualTo(users);
    assertThat(((Number) day.get("failures")).longValue()).isEqualTo(failures);
  }

  @Test
  void userDeletedAnonymisesThatUsersRows() {
    String user = UUID.randomUUID().toString();
    KafkaProbe.publishAll(
        List.of(
            generated(user, 1.5),
            new KafkaProbe.Outgoing(
                Topics.USER_DELETED,
                user,
                UUID.randomUUID().toString(),
                "{\"user_id\":\"" + user + "\",\"deleted_at\":\"2026-11-25T10:00:00Z\"}")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                AnalyticsFixtures.count(
                        "SELECT count(*) FROM analytics_events WHERE event_name = 'user.deleted' AND event_properties->>'user_id' = ?",
                        user)
                    == 1);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE user_id = ?::uuid", user))
        .isZero();
  }

  @Test
  void everyContractExampleIsAcceptedIncludingUnknownFields() {
    List<KafkaProbe.Outgoing> events = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (String topic :
        List.of(
            Topics.USER_SIGNED_UP,
            Topics.PROFILE_CHANGED,
            Topics.SCENE_CHANGED,
            Topics.GENERATION_REQUESTED,
            Topics.IMAGE_GENERATED,
            Topics.GENERATION_FAILED,
            Topics.IMAGE_FAVORITED,
            Topics.IMAGE_UNFAVORITED,
            Topics.IMAGE_DELETED,
            Topics.IMAGE_SHARED,
            Topics.IMAGE_SHARE_VIEWED)) {
      for (var example : ContractSchemas.examples(topic)) {
        ObjectNode payload = ((ObjectNode) example.deepCopy());
        payload.put("unknown_future_field", "ignored");
        String id = UUID.randomUUID().toString();
        ids.add(id);
        events.add(
            new KafkaProbe.Outgoing(topic, UUID.randomUUID().toString(), id, payload.toString()));
      }
    }
    KafkaProbe.publishAll(events);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                AnalyticsFixtures.count(
                        "SELECT count(*) FROM analytics_events WHERE event_id = ANY(?::text[])",
                        "{" + String.join(",", ids) + "}")
                    == ids.size());
  }

  static KafkaProbe.Outgoing shareEvent(String topic, String image, String owner) {
    String at = java.time.Instant.now().toString();
    String body =
        topic.equals(Topics.IMAGE_SHARED)
            ? "{\"image_id\":\"%s\",\"user_id\":\"%s\",\"scene_id\":\"%s\",\"shared_at\":\"%s\"}"
            : "{\"image_id\":\"%s\",\"user_id\":\"%s\",\"scene_id\":\"%s\",\"format\":\"html\",\"viewed_at\":\"%s\"}";
    String payload = body.formatted(image, owner, UUID.randomUUID(), at);
    assertThat(ContractSchemas.validate(topic, payload)).isEmpty();
    return new KafkaProbe.Outgoing(topic, owner, UUID.randomUUID().toString(), payload);
  }

  @Test
  void shareStatsCountLinksViewsAndViewedImagesOfTheDayOnce() {
    JsonPath before = shareStats();
    String owner = UUID.randomUUID().toString();
    String one = UUID.randomUUID().toString();
    String two = UUID.randomUUID().toString();
    List<KafkaProbe.Outgoing> events =
        List.of(
            shareEvent(Topics.IMAGE_SHARED, one, owner),
            shareEvent(Topics.IMAGE_SHARED, two, owner),
            shareEvent(Topics.IMAGE_SHARE_VIEWED, one, owner),
            shareEvent(Topics.IMAGE_SHARE_VIEWED, one, owner),
            shareEvent(Topics.IMAGE_SHARE_VIEWED, two, owner));
    KafkaProbe.publishAll(events);
    KafkaProbe.publishAll(events); // redelivery changes nothing
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                AnalyticsFixtures.count(
                        "SELECT count(*) FROM analytics_events WHERE user_id = ?::uuid", owner)
                    == 5);
    JsonPath after = shareStats();
    assertThat(today(after, "shares") - today(before, "shares")).isEqualTo(2);
    assertThat(today(after, "views") - today(before, "views")).isEqualTo(3);
    assertThat(today(after, "images_viewed") - today(before, "images_viewed")).isEqualTo(2);
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", owner))
        .get("/v1/stats/shares")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .get("/v1/stats/shares?days=0")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  private static JsonPath shareStats() {
    return given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .get("/v1/stats/shares?days=2")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static long today(JsonPath stats, String field) {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    return stats.getList("", Map.class).stream()
        .filter(m -> today.equals(m.get("date")))
        .map(m -> ((Number) m.get(field)).longValue())
        .findFirst()
        .orElse(0L);
  }

  @Test
  void statsAreForOperatorsOnly() {
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", UUID.randomUUID().toString()))
        .get("/v1/stats/generations/daily")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given().get("/v1/stats/events?name=x").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .get("/v1/stats/events?name=x&from=bad")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .get("/v1/stats/active-users?days=0")
        .then()
        .statusCode(400);
  }
}
