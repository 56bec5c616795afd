package ai.monzie.catalog;

import static io.restassured.RestAssured.given;

import ai.monzie.testing.TestInfra;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data made through the operator API, with unique names so tests never collide. */
public final class CatalogFixtures {
  private CatalogFixtures() {}

  public static RequestSpecification operator() {
    return given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .contentType(ContentType.JSON);
  }

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates an active category and returns its slug. */
  public static String category() {
    String slug = unique("cat");
    operator()
        .body(Map.of("name", slug.toUpperCase(), "slug", slug, "order_index", 1))
        .post("/v1/categories")
        .then()
        .statusCode(201);
    return slug;
  }

  /** Creates a scene in the category and returns its id; extra fields override the defaults. */
  public static String scene(String categorySlug, Map<String, Object> overrides) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", unique("Scene"));
    body.put("description", "A test scene");
    body.put("category", categorySlug);
    body.put("prompt_template", "A {gender} portrait, {style}");
    body.put("style_keywords", List.of("studio", "soft light"));
    body.putAll(overrides);
    return operator().body(body).post("/v1/scenes").then().statusCode(201).extract().path("id");
  }
}
