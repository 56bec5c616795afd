package ai.monzie.generation;

import static ai.monzie.generation.GenerationFixtures.as;
import static ai.monzie.generation.GenerationFixtures.jsonAs;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an operator and a client developer rely on: metrics, health, OpenAPI, clean errors. */
@QuarkusTest
@WithMonzieInfra(database = "generation")
class OperationsTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void metricsCountRefusalsModelCallsAndTheQueue() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    for (int i = 0; i < 10; i++) {
      GenerationFixtures.requestGeneration(user, scene).then().statusCode(202);
    }
    GenerationFixtures.requestGeneration(user, scene).then().statusCode(429).contentType(PROBLEM);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              String metrics =
                  given().get("/q/metrics").then().statusCode(200).extract().asString();
              return metrics.contains("monzie_quota_refusals_total")
                  && metrics.contains("monzie_model_latency_seconds_count{")
                  && metrics.contains("provider=\"local\"")
                  && metrics.contains("monzie_generation_queue_depth{")
                  // registered at zero for every provider and reason, before any failure
                  && metrics.contains(
                      "monzie_model_failures_total{provider=\"local\",reason=\"timeout\"}");
            });
  }

  @Test
  void healthAndOpenApiAreServed() {
    given().get("/q/health/ready").then().statusCode(200);
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/v1/generations"))
        .body(containsString("/v1/uploads"));
  }

  @Test
  void badRequestsAreProblemsNeverServerErrors() {
    UUID user = GenerationFixtures.user();
    as(user).get("/v1/nothing-here").then().statusCode(404);
    as(user)
        .contentType("text/plain")
        .body("scene")
        .post("/v1/generations")
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
    as(user).delete("/v1/generations/" + UUID.randomUUID()).then().statusCode(405);
    jsonAs(user).body("[1,2]").post("/v1/generations").then().statusCode(400).contentType(PROBLEM);
    // a token whose subject is not a user id is refused at authentication (platform's Caller)
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", "not-a-user-id"))
        .get("/v1/usage/today")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .contentType("application/json")
        .body(Map.of("scene_id", UUID.randomUUID().toString()))
        .post("/v1/generations")
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
  }
}
