package ai.monzie.analytics.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 16, findings 6 and 13: revoked tokens are refused here once the event arrives. */
@QuarkusTest
@WithMonzieInfra(database = "analytics")
class RevocationTest {

  @Test
  void aDeletedUsersTokenIsRefusedOnceUserDeletedArrives() {
    UUID user = UUID.randomUUID();
    String token = TestInfra.token("authenticated", user.toString());
    ingest(token).then().statusCode(202);
    KafkaProbe.publish(
        Topics.USER_DELETED,
        user.toString(),
        UUID.randomUUID().toString(),
        "{\"user_id\":\"" + user + "\",\"deleted_at\":\"" + Instant.now() + "\"}");
    await().atMost(Duration.ofSeconds(60)).until(() -> ingest(token).statusCode() == 401);
    ingest(token).then().contentType("application/problem+json");
  }

  @Test
  void aRevokedSessionsTokenIsRefusedAndOtherSessionsGoOn() {
    UUID user = UUID.randomUUID();
    String session = UUID.randomUUID().toString();
    String token = TestInfra.sessionToken(user.toString(), session);
    ingest(token).then().statusCode(202);
    KafkaProbe.publish(
        Topics.SESSION_REVOKED,
        user.toString(),
        UUID.randomUUID().toString(),
        "{\"session_id\":\""
            + session
            + "\",\"user_id\":\""
            + user
            + "\",\"reason\":\"logout\",\"revoked_at\":\""
            + Instant.now()
            + "\"}");
    await().atMost(Duration.ofSeconds(60)).until(() -> ingest(token).statusCode() == 401);
    ingest(TestInfra.sessionToken(user.toString(), UUID.randomUUID().toString()))
        .then()
        .statusCode(202);
  }

  private static Response ingest(String token) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("events", IngestionTest.batch("revocation_probe", 1)))
        .post("/v1/events");
  }
}
