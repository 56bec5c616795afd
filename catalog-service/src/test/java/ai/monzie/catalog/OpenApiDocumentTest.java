package ai.monzie.catalog;

import static ai.monzie.testing.OpenApiContract.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The served /q/openapi describes the wire a generated client will meet. */
@QuarkusTest
@WithMonzieInfra(database = "catalog")
class OpenApiDocumentTest {

  @Test
  void schemasNameTheFieldsAsTheAnswersSendThem() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.camelCaseProperties()).isEmpty();

    String slug = CatalogFixtures.category();
    String created =
        CatalogFixtures.operator()
            .body(
                Map.of(
                    "name",
                    CatalogFixtures.unique("Doc"),
                    "category",
                    slug,
                    "prompt_template",
                    "A {gender} portrait"))
            .post("/v1/scenes")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    // created without description, subcategory, urls: the nulls must be documented as nullable
    assertThat(api.answerProblems("post", "/v1/scenes", 201, created)).isEmpty();
    String id = path(created, "id");
    String page =
        given().get("/v1/scenes?category=" + slug).then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/scenes", 200, page)).isEmpty();
    String scene = given().get("/v1/scenes/" + id).then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/scenes/{id}", 200, scene)).isEmpty();
    String categories = given().get("/v1/categories").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/categories", 200, categories)).isEmpty();
  }

  @Test
  void everyOperationHasAnIdATagADescriptionAndProblemFailures() {
    assertThat(OpenApiContract.served().operationProblems()).isEmpty();
  }

  @Test
  void oneBearerSchemeAndTheRolesTheResourcesRequire() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.securityProblems()).isEmpty();
    assertThat(api.allowsAnonymous("get", "/v1/scenes")).isTrue();
    assertThat(api.allowsAnonymous("get", "/v1/scenes/{id}")).isTrue();
    assertThat(api.allowsAnonymous("get", "/v1/categories")).isTrue();
    for (String[] write :
        new String[][] {
          {"post", "/v1/scenes"},
          {"patch", "/v1/scenes/{id}"},
          {"delete", "/v1/scenes/{id}"},
          {"post", "/v1/categories"},
          {"patch", "/v1/categories/{id}"},
          {"delete", "/v1/categories/{id}"}
        }) {
      assertThat(api.allowsAnonymous(write[0], write[1])).as(write[1]).isFalse();
      assertThat(api.roles(write[0], write[1])).as(write[1]).containsExactly(OPERATOR);
    }
  }

  @Test
  void documentedLimitsAreTheEnforcedOnes() {
    OpenApiContract api = OpenApiContract.served();
    var parameters = api.operation("get", "/v1/scenes").path("parameters");
    int maxLimit = -1;
    int maxQ = -1;
    for (var parameter : parameters) {
      if (parameter.path("name").asText().equals("limit")) {
        maxLimit = parameter.path("schema").path("maximum").asInt();
      }
      if (parameter.path("name").asText().equals("q")) {
        maxQ = parameter.path("schema").path("maxLength").asInt();
      }
    }
    given().get("/v1/scenes?limit=" + maxLimit).then().statusCode(200);
    given().get("/v1/scenes?limit=" + (maxLimit + 1)).then().statusCode(400);
    given().get("/v1/scenes?q=" + "a".repeat(maxQ)).then().statusCode(200);
    given().get("/v1/scenes?q=" + "a".repeat(maxQ + 1)).then().statusCode(400);
    var name =
        api.document().at("/components/schemas/SceneInput/properties/name/maxLength").asInt();
    CatalogFixtures.operator()
        .body(Map.of("name", "n".repeat(name + 1), "category", "x", "prompt_template", "p"))
        .post("/v1/scenes")
        .then()
        .statusCode(400);
  }

  @Test
  void theDocumentStoredAtBuildIsTheServedOne() throws Exception {
    Path stored = Path.of("target/openapi/openapi.json");
    assertThat(stored).exists();
    assertThat(OpenApiContract.of(Files.readString(stored)).document())
        .isEqualTo(OpenApiContract.served().document());
  }

  private static String path(String json, String field) {
    return io.restassured.path.json.JsonPath.from(json).getString(field);
  }
}
