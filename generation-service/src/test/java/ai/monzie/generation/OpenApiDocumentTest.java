package ai.monzie.generation;

import static ai.monzie.testing.OpenApiContract.USER;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The served /q/openapi describes the wire a generated client will meet. */
@QuarkusTest
@WithMonzieInfra(database = "generation")
class OpenApiDocumentTest {

  @Test
  void schemasNameTheFieldsAsTheAnswersSendThem() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.camelCaseProperties()).isEmpty();
    assertThat(api.document().at("/components/schemas/GenerationRequest/required").toString())
        .contains("scene_id");

    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String usage =
        GenerationFixtures.as(user)
            .get("/v1/usage/today")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(api.answerProblems("get", "/v1/usage/today", 200, usage)).isEmpty();

    String accepted =
        GenerationFixtures.jsonAs(user)
            .body(Map.of("scene_id", scene.toString()))
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .asString();
    assertThat(api.answerProblems("post", "/v1/generations", 202, accepted)).isEmpty();
    String id = io.restassured.path.json.JsonPath.from(accepted).getString("id");
    GenerationFixtures.awaitFinished(user, id);
    String done =
        GenerationFixtures.as(user)
            .get("/v1/generations/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(api.answerProblems("get", "/v1/generations/{id}", 200, done)).isEmpty();
    String generations =
        GenerationFixtures.as(user)
            .get("/v1/generations")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(api.answerProblems("get", "/v1/generations", 200, generations)).isEmpty();

    String page =
        GenerationFixtures.as(user).get("/v1/images").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/images", 200, page)).isEmpty();
    String imageId = io.restassured.path.json.JsonPath.from(done).getString("image.id");
    String favorite =
        GenerationFixtures.jsonAs(user)
            .body(Map.of("is_favorite", true))
            .patch("/v1/images/" + imageId)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(api.answerProblems("patch", "/v1/images/{id}", 200, favorite)).isEmpty();
  }

  @Test
  void everyOperationHasAnIdATagADescriptionAndProblemFailures() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.operationProblems()).isEmpty();
    assertThat(api.operation("post", "/v1/generations").path("responses").has("429")).isTrue();
    assertThat(api.operation("post", "/v1/uploads").path("responses").has("413")).isTrue();
    assertThat(api.operation("delete", "/v1/images/{id}").path("responses").has("204")).isTrue();
  }

  @Test
  void everyRouteThatQueuesAGenerationTakesTheKeyAndAnswersAlikeSpelledOut() {
    OpenApiContract api = OpenApiContract.served();
    // declared once (GenerationApi), written into each operation: nothing is left as a $ref
    assertThat(api.document().path("components").has("responses")).isFalse();
    assertThat(api.document().path("components").has("parameters")).isFalse();
    for (String[] route :
        new String[][] {
          {"post", "/v1/generations"},
          {"post", "/v1/generations/{id}/retry"},
          {"post", "/v1/images/{id}/enhance"},
          {"post", "/v1/uploads/{id}/enhance"}
        }) {
      var operation = api.operation(route[0], route[1]);
      var key =
          java.util.stream.StreamSupport.stream(operation.path("parameters").spliterator(), false)
              .filter(p -> p.path("name").asText().equals("Idempotency-Key"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(route[1] + ": no Idempotency-Key"));
      assertThat(key.path("in").asText()).as(route[1]).isEqualTo("header");
      assertThat(key.path("schema").path("maxLength").asInt()).as(route[1]).isEqualTo(255);
      var responses = operation.path("responses");
      assertThat(responses.path("202").path("headers").has("Location")).as(route[1]).isTrue();
      assertThat(responses.path("202").path("content").path("application/json").path("schema"))
          .as(route[1])
          .isNotEmpty();
      for (String status : new String[] {"402", "422", "429"}) {
        assertThat(responses.path(status).path("description").asText())
            .as(route[1] + " " + status)
            .isNotBlank();
      }
    }
  }

  @Test
  void oneBearerSchemeAndTheRolesTheResourcesRequire() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.securityProblems()).isEmpty();
    assertThat(api.allowsAnonymous("get", "/v1/files/users/{user_id}/{folder}/{file}")).isTrue();
    assertThat(api.allowsAnonymous("get", "/v1/shared/{token}")).isTrue();
    assertThat(api.allowsAnonymous("get", "/v1/shared/{token}/image")).isTrue();
    assertThat(api.allowsAnonymous("get", "/v1/shared/{token}/thumbnail")).isTrue();
    for (String[] route :
        new String[][] {
          {"post", "/v1/generations"},
          {"get", "/v1/generations/{id}"},
          {"get", "/v1/generations"},
          {"post", "/v1/generations/{id}/cancel"},
          {"post", "/v1/generations/{id}/retry"},
          {"get", "/v1/generations/stream"},
          {"get", "/v1/images"},
          {"get", "/v1/images/{id}"},
          {"patch", "/v1/images/{id}"},
          {"delete", "/v1/images/{id}"},
          {"post", "/v1/images/{id}/enhance"},
          {"post", "/v1/uploads"},
          {"get", "/v1/uploads"},
          {"post", "/v1/uploads/{id}/enhance"},
          {"post", "/v1/images/{id}/share"},
          {"delete", "/v1/images/{id}/share"},
          {"get", "/v1/usage/today"}
        }) {
      assertThat(api.allowsAnonymous(route[0], route[1])).as(route[1]).isFalse();
      assertThat(api.roles(route[0], route[1])).as(route[1]).containsExactly(USER);
    }
  }

  @Test
  void documentedLimitsAreTheEnforcedOnes() {
    OpenApiContract api = OpenApiContract.served();
    UUID user = GenerationFixtures.user();
    int style =
        api.document()
            .at("/components/schemas/GenerationRequest/properties/style/maxLength")
            .asInt();
    GenerationFixtures.jsonAs(user)
        .body(
            Map.of(
                "scene_id", GenerationFixtures.scene().toString(), "style", "s".repeat(style + 1)))
        .post("/v1/generations")
        .then()
        .statusCode(400);
    int maxLimit = -1;
    for (var parameter : api.operation("get", "/v1/images").path("parameters")) {
      if (parameter.path("name").asText().equals("limit")) {
        maxLimit = parameter.path("schema").path("maximum").asInt();
      }
    }
    GenerationFixtures.as(user).get("/v1/images?limit=" + maxLimit).then().statusCode(200);
    GenerationFixtures.as(user).get("/v1/images?limit=" + (maxLimit + 1)).then().statusCode(400);
  }

  @Test
  void theDocumentStoredAtBuildIsTheServedOne() throws Exception {
    Path stored = Path.of("target/openapi/openapi.json");
    assertThat(stored).exists();
    assertThat(OpenApiContract.of(Files.readString(stored)).document())
        .isEqualTo(OpenApiContract.served().document());
  }
}
