package ai.monzie.analytics.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.analytics.AnalyticsFixtures;
import ai.monzie.testing.RawHttp;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 16's hostile inputs against ingestion: 4xx problem+json and no event stored. */
@QuarkusTest
@WithMonzieInfra(database = "analytics")
class HostileInputTest {

  static final String PROBLEM = "application/problem+json";

  /** One event whose fields are JSON text, with {@code %s} where the unsafe text goes. */
  static String event(String name, String sessionId, String appVersion, String properties) {
    return "{\"events\":[{\"event_name\":\""
        + name
        + "\",\"platform\":\"ios\",\"app_version\":\""
        + appVersion
        + "\",\"session_id\":\""
        + sessionId
        + "\",\"event_properties\":"
        + properties
        + "}]}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "session_id",
        "app_version",
        "property_value",
        "property_key",
        "nested_value",
        "lone_surrogate"
      })
  void nulOrALoneSurrogateAnywhereIs400AndNothingIsStored(String where) {
    String name = "hostile_" + UUID.randomUUID().toString().substring(0, 8);
    String nul = "a\\u0000b";
    String body =
        switch (where) {
          case "session_id" -> event(name, nul, "2.3.1", "{}");
          case "app_version" -> event(name, "s-1", nul, "{}");
          case "property_value" -> event(name, "s-1", "2.3.1", "{\"scene\":\"" + nul + "\"}");
          case "property_key" -> event(name, "s-1", "2.3.1", "{\"" + nul + "\":1}");
          case "nested_value" -> event(name, "s-1", "2.3.1", "{\"a\":[{\"b\":\"" + nul + "\"}]}");
          default -> event(name, "s-1", "2.3.1", "{\"emoji\":\"\\ud83d\"}");
        };
    given()
        .header("X-Forwarded-For", "10.2.0." + where.length())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/events")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE event_name = ?", name))
        .isZero();
  }

  @Test
  void aSignedTokenWhoseSubjectIsNotAUserIdIs401() {
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", "not-a-uuid"))
        .contentType(ContentType.JSON)
        .body(event("bad_subject", "s-1", "2.3.1", "{}"))
        .post("/v1/events")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", "not-a-uuid"))
        .get("/v1/stats/generations/daily")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void aTenMegabyteBodyIs413ProblemBeforeItIsRead() {
    RawHttp.Answer answer =
        RawHttp.send(
            RestAssured.port,
            "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + 10 * 1024 * 1024,
            "{\"events\":[".getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.header("Content-Type")).startsWith(PROBLEM);
    assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(answer.body()).contains("payload-too-large");
  }
}
