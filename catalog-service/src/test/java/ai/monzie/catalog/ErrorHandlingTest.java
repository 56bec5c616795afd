package ai.monzie.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class ErrorHandlingTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void writesWithoutAServiceRoleTokenAreRefused() {
    Map<String, Object> body = Map.of("name", "X", "category", "portrait", "prompt_template", "p");
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/scenes")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", "Bearer");
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", UUID.randomUUID().toString()))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/scenes")
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", UUID.randomUUID().toString()))
        .delete("/v1/categories/" + UUID.randomUUID())
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
  }

  @Test
  void tokensNotSignedByTheIssuerAreRejected() {
    String forged =
        ai.monzie.infra.DevKeys.generate()
            .mint(
                "service_role",
                UUID.randomUUID().toString(),
                null,
                java.time.Duration.ofMinutes(5));
    given()
        .auth()
        .oauth2(forged)
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/v1/categories")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    String header =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes());
    String claims =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"sub\":\"x\",\"groups\":[\"service_role\"],\"iss\":\"https://monzie.ai\",\"aud\":\"monzie-api\",\"exp\":"
                        + (System.currentTimeMillis() / 1000 + 300)
                        + "}")
                    .getBytes());
    given()
        .auth()
        .oauth2(header + "." + claims + ".")
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/v1/categories")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void malformedJsonIsA400Problem() {
    CatalogFixtures.operator()
        .body("{\"name\": ")
        .post("/v1/scenes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", containsString("malformed-json"));
  }

  @Test
  void wrongTypesAndUnknownFieldsAre400Problems() {
    CatalogFixtures.operator()
        .body(Map.of("name", "X", "category", "c", "prompt_template", "p", "is_premium", "maybe"))
        .post("/v1/scenes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("is_premium"));
    CatalogFixtures.operator()
        .body(Map.of("name", "X", "category", "c", "prompt_template", "p", "usage_count", 5))
        .post("/v1/scenes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("usage_count"));
  }

  @Test
  void missingRequiredFieldsNameTheField() {
    CatalogFixtures.operator()
        .body(Map.of("name", "Only a name"))
        .post("/v1/scenes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", containsString("prompt_template"))
        .body("errors.field", org.hamcrest.Matchers.hasItems("category", "prompt_template"));
    CatalogFixtures.operator().post("/v1/scenes").then().statusCode(400).contentType(PROBLEM);
  }

  @Test
  void unknownPlaceholdersAreRefusedWhenTheSceneIsWritten() {
    String category = CatalogFixtures.category();
    CatalogFixtures.operator()
        .body(
            Map.of(
                "name",
                CatalogFixtures.unique("Bad"),
                "category",
                category,
                "prompt_template",
                "A {gender} {mood} shot"))
        .post("/v1/scenes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", containsString("{mood}"));
  }

  @Test
  void unknownCategoryAndDuplicateNameAreClientErrors() {
    CatalogFixtures.operator()
        .body(
            Map.of(
                "name",
                CatalogFixtures.unique("S"),
                "category",
                "no-such-category",
                "prompt_template",
                "p"))
        .post("/v1/scenes")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("category"));
    String category = CatalogFixtures.category();
    String name = CatalogFixtures.unique("Dup");
    CatalogFixtures.scene(category, Map.of("name", name));
    CatalogFixtures.operator()
        .body(Map.of("name", name, "category", category, "prompt_template", "p"))
        .post("/v1/scenes")
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/scenes/not-a-uuid",
        "/v1/scenes/00000000-0000-0000-0000-000000000000",
        "/v1/nothing-here"
      })
  void unknownOrMalformedIdsAre404Problems(String path) {
    given()
        .get(path)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("status", equalTo(404))
        .body("title", notNullValue());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=101",
        "limit=0",
        "limit=ten",
        "premium=yes",
        "sort=random",
        "cursor=bm90LWEtY3Vyc29y"
      })
  void badQueryParametersAre400Problems(String query) {
    given()
        .urlEncodingEnabled(false)
        .get("/v1/scenes?" + query)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", notNullValue());
  }

  @Test
  void patchingAnUnknownSceneIs404AndWrongMethodIs405() {
    CatalogFixtures.operator()
        .body(Map.of("is_premium", true))
        .patch("/v1/scenes/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    CatalogFixtures.operator()
        .body(Map.of())
        .put("/v1/scenes")
        .then()
        .statusCode(405)
        .contentType(PROBLEM);
  }
}
