package ai.monzie.analytics.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.analytics.AnalyticsFixtures;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithMonzieInfra(database = "analytics")
class IngestionTest {

  static final String PROBLEM = "application/problem+json";

  static List<Map<String, Object>> batch(String name, int size) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      events.add(
          new HashMap<>(
              Map.of(
                  "event_name",
                  name,
                  "platform",
                  "ios",
                  "app_version",
                  "2.3.1",
                  "session_id",
                  "s-1",
                  "event_properties",
                  Map.of("scene", "portrait", "i", i),
                  "device_info",
                  Map.of("model", "iPhone15,2"))));
    }
    return events;
  }

  static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aBatchOf500IsAcceptedAndStored() {
    String name = unique("scene_viewed");
    given()
        .header("X-Forwarded-For", "10.1.0.1")
        .contentType(ContentType.JSON)
        .body(Map.of("events", batch(name, 500)))
        .post("/v1/events")
        .then()
        .statusCode(202)
        .body("accepted", equalTo(500));
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE event_name = ?", name))
        .isEqualTo(500);
  }

  @Test
  void aBatchOf501IsRefusedAndNothingIsStored() {
    String name = unique("too_many");
    given()
        .header("X-Forwarded-For", "10.1.0.2")
        .contentType(ContentType.JSON)
        .body(Map.of("events", batch(name, 501)))
        .post("/v1/events")
        .then()
        .statusCode(413)
        .contentType(PROBLEM);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE event_name = ?", name))
        .isZero();
  }

  @Test
  void theUserIdComesFromTheTokenNeverFromTheBody() {
    String name = unique("body_user");
    String real = UUID.randomUUID().toString();
    String forged = UUID.randomUUID().toString();
    var events = batch(name, 2);
    events.forEach(e -> e.put("user_id", forged));
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", real))
        .contentType(ContentType.JSON)
        .body(Map.of("events", events))
        .post("/v1/events")
        .then()
        .statusCode(202);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE event_name = ? AND user_id = ?::uuid",
                name,
                real))
        .isEqualTo(2);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE user_id = ?::uuid", forged))
        .isZero();
  }

  @Test
  void anonymousEventsAreStoredWithANullUserAndBadTokensAre401() {
    String name = unique("anon");
    given()
        .header("X-Forwarded-For", "10.1.0.3")
        .contentType(ContentType.JSON)
        .body(Map.of("events", batch(name, 3)))
        .post("/v1/events")
        .then()
        .statusCode(202);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE event_name = ? AND user_id IS NULL",
                name))
        .isEqualTo(3);
    String forgedToken =
        ai.monzie.infra.DevKeys.generate()
            .mint(
                "authenticated",
                UUID.randomUUID().toString(),
                null,
                java.time.Duration.ofMinutes(5));
    given()
        .auth()
        .oauth2(forgedToken)
        .contentType(ContentType.JSON)
        .body(Map.of("events", batch(unique("x"), 1)))
        .post("/v1/events")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @ParameterizedTest
  @CsvSource({
    "platform, symbian, events[1].platform",
    "event_name, '', events[1].event_name",
    "event_name, 'has spaces!', events[1].event_name",
    "occurred_at, 2099-01-01T00:00:00Z, events[1].occurred_at",
    "occurred_at, yesterday, events[1].occurred_at",
    "occurred_at, 2001-01-01T00:00:00Z, events[1].occurred_at"
  })
  void aBadEventFailsTheWholeBatchNamingIndexAndField(String field, String value, String expected) {
    String name = unique("bad");
    var events = batch(name, 3);
    events.get(1).put(field, value);
    given()
        .header("X-Forwarded-For", "10.1.0.4")
        .contentType(ContentType.JSON)
        .body(Map.of("events", events))
        .post("/v1/events")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo(expected));
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE event_name = ?", name))
        .isZero();
  }

  @Test
  void oversizedPropertiesAndLongNamesAre400() {
    var events = batch(unique("big"), 1);
    events.get(0).put("event_properties", Map.of("blob", "x".repeat(9000)));
    given()
        .header("X-Forwarded-For", "10.1.0.5")
        .contentType(ContentType.JSON)
        .body(Map.of("events", events))
        .post("/v1/events")
        .then()
        .statusCode(400)
        .body("field", equalTo("events[0].event_properties"));
    var longName = batch("n".repeat(101), 1);
    given()
        .header("X-Forwarded-For", "10.1.0.5")
        .contentType(ContentType.JSON)
        .body(Map.of("events", longName))
        .post("/v1/events")
        .then()
        .statusCode(400)
        .body("field", equalTo("events[0].event_name"));
  }

  @Test
  void anEventDatedInAFutureMonthWithinTheSkewOrAPastMonthIsStoredInItsPartition() {
    String name = unique("dated");
    var events = batch(name, 2);
    events.get(0).put("occurred_at", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(2).toString());
    events.get(1).put("occurred_at", OffsetDateTime.now(ZoneOffset.UTC).minusMonths(2).toString());
    given()
        .header("X-Forwarded-For", "10.1.0.6")
        .contentType(ContentType.JSON)
        .body(Map.of("events", events))
        .post("/v1/events")
        .then()
        .statusCode(202);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(DISTINCT tableoid) FROM analytics_events WHERE event_name = ?", name))
        .isEqualTo(2);
  }

  @Test
  void oneClientCannotFloodTheTable() {
    int refused = 0;
    for (int i = 0; i < 60 && refused == 0; i++) {
      int status =
          given()
              .header("X-Forwarded-For", "10.99.99.99")
              .contentType(ContentType.JSON)
              .body(Map.of("events", batch(unique("flood"), 1)))
              .post("/v1/events")
              .statusCode();
      refused += status == 429 ? 1 : 0;
    }
    assertThat(refused).isPositive();
    given()
        .header("X-Forwarded-For", "10.99.99.99")
        .contentType(ContentType.JSON)
        .body(Map.of("events", batch(unique("flood"), 1)))
        .post("/v1/events")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
  }
}
