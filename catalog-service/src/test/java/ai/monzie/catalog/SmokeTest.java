package ai.monzie.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class SmokeTest {

  @Test
  void operatorCreatesASceneThatAnyoneCanRead() {
    String category = CatalogFixtures.category();
    String id = CatalogFixtures.scene(category, Map.of());
    given().get("/v1/scenes/" + id).then().statusCode(200).body("category", equalTo(category));
    given()
        .get("/v1/scenes?category=" + category)
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));
  }
}
