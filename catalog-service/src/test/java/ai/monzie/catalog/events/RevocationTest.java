package ai.monzie.catalog.events;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, findings 6 and 13: catalog consumes user.deleted and session.revoked only to refuse
 * those tokens (platform RevocationConsumer); here an operator's, the only tokens it checks.
 */
@QuarkusTest
@WithMonzieInfra(database = "catalog")
class RevocationTest {

  @Test
  void aDeletedSubjectsTokenIsRefusedOnceUserDeletedArrives() {
    UUID subject = UUID.randomUUID();
    String token = TestInfra.token("service_role", subject.toString());
    deleteMissing(token).then().statusCode(404); // authorised: the category just is not there
    KafkaProbe.publish(
        Topics.USER_DELETED,
        subject.toString(),
        UUID.randomUUID().toString(),
        "{\"user_id\":\"" + subject + "\",\"deleted_at\":\"" + Instant.now() + "\"}");
    await().atMost(Duration.ofSeconds(60)).until(() -> deleteMissing(token).statusCode() == 401);
  }

  @Test
  void aRevokedSessionsTokenIsRefused() {
    UUID subject = UUID.randomUUID();
    String session = UUID.randomUUID().toString();
    String token =
        TestInfra.get()
            .keys()
            .mint(
                "service_role",
                subject.toString(),
                null,
                Instant.now(),
                Instant.now().plusSeconds(600),
                java.util.Map.of("sid", session));
    deleteMissing(token).then().statusCode(404);
    KafkaProbe.publish(
        Topics.SESSION_REVOKED,
        subject.toString(),
        UUID.randomUUID().toString(),
        "{\"session_id\":\""
            + session
            + "\",\"user_id\":\""
            + subject
            + "\",\"reason\":\"logout\",\"revoked_at\":\""
            + Instant.now()
            + "\"}");
    await().atMost(Duration.ofSeconds(60)).until(() -> deleteMissing(token).statusCode() == 401);
  }

  private static Response deleteMissing(String token) {
    return given().auth().oauth2(token).delete("/v1/categories/" + UUID.randomUUID());
  }
}
