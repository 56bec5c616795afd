package ai.monzie.analytics;

import static ai.monzie.testing.OpenApiContract.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The served /q/openapi describes the wire a generated client will meet. */
@QuarkusTest
@WithMonzieInfra(database = "analytics")
class OpenApiDocumentTest {

  @Test
  void schemasNameTheFieldsAsTheAnswersSendThem() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.camelCaseProperties()).isEmpty();
    assertThat(api.document().at("/components/schemas/AppEvent/properties").has("event_name"))
        .isTrue();

    String event = "doc_" + UUID.randomUUID().toString().substring(0, 8);
    String accepted =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("events", List.of(Map.of("event_name", event, "platform", "ios"))))
            .post("/v1/events")
            .then()
            .statusCode(202)
            .extract()
            .asString();
    assertThat(api.answerProblems("post", "/v1/events", 202, accepted)).isEmpty();
    String counts =
        operator()
            .get("/v1/stats/events?name=" + event)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(api.answerProblems("get", "/v1/stats/events", 200, counts)).isEmpty();
    String daily =
        operator().get("/v1/stats/generations/daily").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/stats/generations/daily", 200, daily)).isEmpty();
    String active =
        operator().get("/v1/stats/active-users").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/stats/active-users", 200, active)).isEmpty();
  }

  @Test
  void everyOperationHasAnIdATagADescriptionAndProblemFailures() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.operationProblems()).isEmpty();
    assertThat(api.operation("post", "/v1/events").path("responses").has("413")).isTrue();
    assertThat(api.operation("post", "/v1/events").path("responses").has("429")).isTrue();
  }

  @Test
  void oneBearerSchemeAndTheRolesTheResourcesRequire() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.securityProblems()).isEmpty();
    // the token is optional on ingestion: anonymous or the bearer
    assertThat(api.allowsAnonymous("post", "/v1/events")).isTrue();
    assertThat(api.operation("post", "/v1/events").path("security").toString()).contains("bearer");
    for (String path :
        List.of("/v1/stats/generations/daily", "/v1/stats/events", "/v1/stats/active-users")) {
      assertThat(api.allowsAnonymous("get", path)).as(path).isFalse();
      assertThat(api.roles("get", path)).as(path).containsExactly(OPERATOR);
    }
  }

  @Test
  void documentedLimitsAreTheEnforcedOnes() {
    OpenApiContract api = OpenApiContract.served();
    int maxItems =
        api.document().at("/components/schemas/EventBatch/properties/events/maxItems").asInt();
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i <= maxItems; i++) {
      events.add(Map.of("event_name", "doc_limit", "platform", "web"));
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("events", events))
        .post("/v1/events")
        .then()
        .statusCode(413);
    int maxDays = -1;
    for (var parameter : api.operation("get", "/v1/stats/active-users").path("parameters")) {
      if (parameter.path("name").asText().equals("days")) {
        maxDays = parameter.path("schema").path("maximum").asInt();
      }
    }
    operator().get("/v1/stats/active-users?days=" + maxDays).then().statusCode(200);
    operator().get("/v1/stats/active-users?days=" + (maxDays + 1)).then().statusCode(400);
  }

  @Test
  void theDocumentStoredAtBuildIsTheServedOne() throws Exception {
    Path stored = Path.of("target/openapi/openapi.json");
    assertThat(stored).exists();
    assertThat(OpenApiContract.of(Files.readString(stored)).document())
        .isEqualTo(OpenApiContract.served().document());
  }

  private static RequestSpecification operator() {
    return given().auth().oauth2(TestInfra.token(OPERATOR, UUID.randomUUID().toString()));
  }
}
