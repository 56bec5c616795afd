package ai.monzie.analytics.ingest;

import static io.restassured.RestAssured.given;

import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 finding 5: a fresh {@code X-Forwarded-For} per request gave every request its own
 * bucket. Here no proxy is trusted (the test client is not the gateway), so the header is ignored.
 */
@QuarkusTest
@TestProfile(ForwardedForTest.NoTrustedProxies.class)
@WithMonzieInfra(database = "analytics")
class ForwardedForTest {

  public static class NoTrustedProxies implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("monzie.http.trusted-proxies", "none");
    }
  }

  @Test
  void aForgedForwardedForPerRequestDoesNotEscapeThePerClientLimit() {
    int capacity = 30; // %test.monzie.analytics.rate-limit.capacity, refilled at 0.01/s
    String body =
        "{\"events\":[{\"event_name\":\"xff_rotation\",\"platform\":\"ios\",\"app_version\":\"1\","
            + "\"session_id\":\"s\",\"event_properties\":{}}]}";
    for (int i = 0; i < capacity; i++) {
      given()
          .header("X-Forwarded-For", "203.0.113." + i)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v1/events")
          .then()
          .statusCode(202);
    }
    given()
        .header("X-Forwarded-For", "198.51.100.77")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/events")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
  }
}
