package ai.monzie.catalog.scene;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.monzie.catalog.CatalogFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class ScenePagingTest {

  @Test
  void pagingWithASmallLimitReturnsEachSceneExactlyOnce() {
    String category = CatalogFixtures.category();
    List<String> created = new ArrayList<>();
    // ties in order_index on purpose: the id breaks them, so no row is repeated or skipped
    for (int i = 0; i < 11; i++) {
      created.add(CatalogFixtures.scene(category, Map.of("order_index", i % 3)));
    }
    List<String> seen = readAllPages("/v1/scenes?category=" + category + "&limit=2");
    assertThat(seen)
        .hasSize(11)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void popularOrderPagesByUsageThenId() {
    String category = CatalogFixtures.category();
    for (int i = 0; i < 5; i++) {
      CatalogFixtures.scene(category, Map.of());
    }
    List<String> seen = readAllPages("/v1/scenes?category=" + category + "&sort=popular&limit=2");
    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void filtersByPremiumAndSubcategory() {
    String category = CatalogFixtures.category();
    String premium =
        CatalogFixtures.scene(category, Map.of("is_premium", true, "subcategory", "studio"));
    String free = CatalogFixtures.scene(category, Map.of("subcategory", "street"));
    given()
        .get("/v1/scenes?category=" + category + "&premium=true")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(premium)));
    given()
        .get("/v1/scenes?category=" + category + "&subcategory=street")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(free)));
  }

  @Test
  void inactiveScenesAreNeitherListedNorReadable() {
    String category = CatalogFixtures.category();
    String id = CatalogFixtures.scene(category, Map.of());
    CatalogFixtures.operator().delete("/v1/scenes/" + id).then().statusCode(204);
    given().get("/v1/scenes?category=" + category).then().statusCode(200).body("items", hasSize(0));
    given().get("/v1/scenes/" + id).then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void searchFindsAWordOfTheNameAndNotAnUnrelatedWord() {
    String category = CatalogFixtures.category();
    String word = "zebra" + System.nanoTime() % 100000;
    String id =
        CatalogFixtures.scene(
            category,
            Map.of("name", "Golden " + word + " Portrait " + CatalogFixtures.unique("n")));
    CatalogFixtures.scene(category, Map.of("description", "A quiet harbour at dawn"));
    given()
        .get("/v1/scenes?q=" + word)
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(id)));
    given()
        .get("/v1/scenes?category=" + category + "&q=harbour")
        .then()
        .statusCode(200)
        .body("items", hasSize(1));
    given()
        .get("/v1/scenes?category=" + category + "&q=spaceship")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }

  @Test
  void aMatchingEtagIsAnsweredWith304() {
    String category = CatalogFixtures.category();
    CatalogFixtures.scene(category, Map.of());
    String url = "/v1/scenes?category=" + category;
    String etag =
        given()
            .get(url)
            .then()
            .statusCode(200)
            .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age="))
            .extract()
            .header("ETag");
    given().header("If-None-Match", etag).get(url).then().statusCode(304);
    CatalogFixtures.scene(category, Map.of());
    given().header("If-None-Match", etag).get(url).then().statusCode(200);
  }

  static List<String> readAllPages(String firstPage) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    HashSet<String> cursors = new HashSet<>();
    do {
      String url = cursor == null ? firstPage : firstPage + "&cursor=" + cursor;
      JsonPath page = given().get(url).then().statusCode(200).extract().jsonPath();
      ids.addAll(page.getList("items.id", String.class));
      cursor = page.getString("next_cursor");
      assertThat(cursor == null || cursors.add(cursor)).as("a cursor never repeats").isTrue();
    } while (cursor != null);
    return ids;
  }
}
