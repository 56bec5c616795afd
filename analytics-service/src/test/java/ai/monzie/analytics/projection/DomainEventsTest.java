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
    String marker = UUID.randomUUID().toString();
    KafkaProbe.publishAll(List.of(generated(marker, 4.0)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                AnalyticsFixtures.count(
                        "SELECT count(*) FROM analytics_events WHERE user_id = ?::uuid", marker)
                    == 1);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE user_id IN (?::uuid, ?::uuid)", a, b))
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
            Topics.IMAGE_DELETED)) {
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
