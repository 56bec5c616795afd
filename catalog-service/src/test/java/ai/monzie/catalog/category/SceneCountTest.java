package ai.monzie.catalog.category;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.catalog.CatalogFixtures;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class SceneCountTest {

  @Test
  void sceneCountStaysExactAcrossCreateMoveDeactivateAndReactivate() {
    String a = CatalogFixtures.category();
    String b = CatalogFixtures.category();
    String first = CatalogFixtures.scene(a, Map.of());
    CatalogFixtures.scene(a, Map.of());
    assertCounts(a, 2, b, 0);

    CatalogFixtures.operator()
        .body(Map.of("category", b))
        .patch("/v1/scenes/" + first)
        .then()
        .statusCode(200);
    assertCounts(a, 1, b, 1);

    CatalogFixtures.operator().delete("/v1/scenes/" + first).then().statusCode(204);
    assertCounts(a, 1, b, 0);

    CatalogFixtures.operator()
        .body(Map.of("is_active", true))
        .patch("/v1/scenes/" + first)
        .then()
        .statusCode(200);
    assertCounts(a, 1, b, 1);

    // inactive scenes created directly do not count
    CatalogFixtures.scene(b, Map.of("is_active", false));
    assertCounts(a, 1, b, 1);
  }

  @Test
  void concurrentSceneCreationKeepsTheCountExact() throws Exception {
    String category = CatalogFixtures.category();
    Parallel.run(16, i -> CatalogFixtures.scene(category, Map.of()));
    assertThat(sceneCount(category)).isEqualTo(16);
  }

  @Test
  void categoriesAreListedByOrderIndexWithInactiveOnesHidden() {
    String slug = CatalogFixtures.unique("hidden");
    String id =
        CatalogFixtures.operator()
            .body(Map.of("name", slug, "slug", slug, "order_index", 0))
            .post("/v1/categories")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(
            given()
                .get("/v1/categories")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.slug"))
        .contains(slug);
    CatalogFixtures.operator().delete("/v1/categories/" + id).then().statusCode(204);
    List<Integer> order =
        given()
            .get("/v1/categories")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.order_index");
    assertThat(given().get("/v1/categories").then().extract().jsonPath().getList("items.slug"))
        .doesNotContain(slug);
    assertThat(order).isSorted();
  }

  private static void assertCounts(String a, int countA, String b, int countB) {
    assertThat(sceneCount(a)).as("scene_count of " + a).isEqualTo(countA);
    assertThat(sceneCount(b)).as("scene_count of " + b).isEqualTo(countB);
  }

  static int sceneCount(String slug) {
    List<Map<String, Object>> items =
        given().get("/v1/categories").then().statusCode(200).extract().jsonPath().getList("items");
    return items.stream()
        .filter(c -> slug.equals(c.get("slug")))
        .map(c -> (Integer) c.get("scene_count"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no category " + slug));
  }
}
