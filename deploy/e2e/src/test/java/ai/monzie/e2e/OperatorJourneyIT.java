package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An operator manages the catalog through the gateway, as the admin tools would. */
class OperatorJourneyIT {

  @Test
  void theDemoCatalogIsServedThroughTheGateway() {
    List<Map<String, Object>> categories =
        Api.anyone()
            .get("/v1/categories")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    assertThat(categories).hasSizeGreaterThanOrEqualTo(8);
    assertThat(categories).allSatisfy(c -> assertThat((Integer) c.get("scene_count")).isPositive());
    assertThat(
            Api.anyone()
                .get("/v1/scenes?limit=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void anOperatorAddsASceneThatBecomesVisibleAndDeactivatesIt() {
    String name = "E2E Lighthouse " + UUID.randomUUID().toString().substring(0, 8);
    String id =
        Api.operator()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    name,
                    "category",
                    "outdoor",
                    "prompt_template",
                    "A {gender} by a lighthouse, {style}",
                    "style_keywords",
                    List.of("coastal", "dramatic sky")))
            .post("/v1/scenes")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(
            Api.anyone()
                .get("/v1/scenes?q=lighthouse&limit=100")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id"))
        .contains(id);

    Api.operator().delete("/v1/scenes/" + id).then().statusCode(204);
    Api.anyone().get("/v1/scenes/" + id).then().statusCode(404);
  }

  @Test
  void aUserTokenCannotChangeTheCatalog() {
    String user =
        Deployment.current()
            .token("authenticated", UUID.randomUUID().toString(), java.time.Duration.ofMinutes(5));
    Api.anyone()
        .auth()
        .oauth2(user)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "X", "category", "outdoor", "prompt_template", "x"))
        .post("/v1/scenes")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }
}
