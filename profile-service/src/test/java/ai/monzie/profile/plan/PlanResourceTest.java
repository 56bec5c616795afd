package ai.monzie.profile.plan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "profile")
class PlanResourceTest {

  static final String PROBLEM = "application/problem+json";

  static String uniqueKey() {
    return "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static Map<String, Object> weekly(String key) {
    Map<String, Object> plan = new HashMap<>();
    plan.put("key", key);
    plan.put("display_name", "Weekly " + key);
    plan.put("price_usd", 6.99);
    plan.put("credits", 40);
    plan.put("period_days", 7);
    plan.put("kind", "subscription");
    plan.put("store_product_ids", List.of(key + "_ios", key + "_android"));
    plan.put("display_order", 5);
    return plan;
  }

  static ValidatableResponse post(String token, Object body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/plans")
        .then();
  }

  static List<String> listedKeys() {
    return given()
        .get("/v1/plans")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.key", String.class);
  }

  @Test
  void anyoneListsTheDemoPlansInDisplayOrder() {
    ProfileFixtures.ensureDemoPlans();
    List<String> keys = listedKeys();
    assertThat(keys)
        .containsSubsequence(
            "monzie_weekly",
            "monzie_monthly",
            "monzie_3month",
            "monzie_6month",
            "monzie_yearly",
            "monzie_premium_monthly",
            "monzie_credits_50",
            "monzie_credits_200");
    given()
        .get("/v1/plans")
        .then()
        .body("items.find { it.key == 'monzie_weekly' }.credits", equalTo(40))
        .body("items.find { it.key == 'monzie_weekly' }.period_days", equalTo(7))
        .body("items.find { it.key == 'monzie_weekly' }.price_usd", equalTo(6.99f))
        .body("items.find { it.key == 'monzie_weekly' }.kind", equalTo("subscription"))
        .body(
            "items.find { it.key == 'monzie_weekly' }.store_product_ids",
            equalTo(List.of("monzie_weekly")))
        .body("items.find { it.key == 'monzie_premium_monthly' }.unlimited", equalTo(true))
        .body("items.find { it.key == 'monzie_credits_50' }.kind", equalTo("pack"))
        .body("items.find { it.key == 'monzie_credits_50' }.period_days", equalTo(null));
  }

  @Test
  void anOperatorCreatesChangesAndSoftDeletesAPlan() {
    String token = ProfileFixtures.operatorToken();
    String key = uniqueKey();
    post(token, weekly(key))
        .statusCode(201)
        .body("key", equalTo(key))
        .body("store_product_ids", hasItems(key + "_ios", key + "_android"))
        .body("active", equalTo(true));
    assertThat(listedKeys()).contains(key);

    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("credits", 45, "store_product_ids", List.of(key + "_web")))
        .patch("/v1/plans/" + key)
        .then()
        .statusCode(200)
        .body("credits", equalTo(45))
        .body("display_name", equalTo("Weekly " + key)) // absent: kept
        .body("store_product_ids", equalTo(List.of(key + "_web")));

    given().auth().oauth2(token).delete("/v1/plans/" + key).then().statusCode(204);
    assertThat(listedKeys()).doesNotContain(key);
    // deleted, not gone: brought back by PATCH active=true
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("active", true))
        .patch("/v1/plans/" + key)
        .then()
        .statusCode(200);
    assertThat(listedKeys()).contains(key);
  }

  @Test
  void usersCannotWritePlansAndAnonymousCallersAre401() {
    String key = uniqueKey();
    String user = TestInfra.token(OpenApiContract.USER, UUID.randomUUID().toString());
    post(user, weekly(key)).statusCode(403).contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body(weekly(key))
        .post("/v1/plans")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(user)
        .contentType(ContentType.JSON)
        .body(Map.of("credits", 1))
        .patch("/v1/plans/monzie_weekly")
        .then()
        .statusCode(403);
    given().auth().oauth2(user).delete("/v1/plans/monzie_weekly").then().statusCode(403);
    assertThat(listedKeys()).doesNotContain(key);
  }

  @Test
  void badPlansAre400ProblemsAndCreateNothing() {
    String token = ProfileFixtures.operatorToken();
    String key = uniqueKey();
    Map<String, Object> negative = weekly(key);
    negative.put("credits", -1);
    post(token, negative).statusCode(400).contentType(PROBLEM);
    Map<String, Object> noPeriod = weekly(key);
    noPeriod.remove("period_days");
    post(token, noPeriod)
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("period_days"));
    Map<String, Object> unlimitedPack = weekly(key);
    unlimitedPack.put("kind", "pack");
    unlimitedPack.remove("period_days");
    unlimitedPack.put("unlimited", true);
    post(token, unlimitedPack).statusCode(400).body("field", equalTo("unlimited"));
    Map<String, Object> badKind = weekly(key);
    badKind.put("kind", "lifetime");
    post(token, badKind).statusCode(400);
    Map<String, Object> badKey = weekly("Not A Key");
    post(token, badKey).statusCode(400);
    Map<String, Object> noProducts = weekly(key);
    noProducts.put("store_product_ids", List.of());
    post(token, noProducts).statusCode(400);
    post(token, Map.of("key", key)).statusCode(400).contentType(PROBLEM);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"key\":")
        .post("/v1/plans")
        .then()
        .statusCode(400);
    assertThat(listedKeys()).doesNotContain(key);
  }

  @Test
  void aTakenKeyOrProductIdIs409AndUnknownPlansAre404() {
    String token = ProfileFixtures.operatorToken();
    String key = uniqueKey();
    post(token, weekly(key)).statusCode(201);
    post(token, weekly(key)).statusCode(409).contentType(PROBLEM);
    // another plan may not sell a product id that names this one
    Map<String, Object> thief = weekly(uniqueKey());
    thief.put("store_product_ids", List.of(key + "_ios"));
    post(token, thief).statusCode(409);
    assertThat(listedKeys()).doesNotContain((String) thief.get("key"));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("credits", 1))
        .patch("/v1/plans/" + uniqueKey())
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given().auth().oauth2(token).delete("/v1/plans/" + uniqueKey()).then().statusCode(404);
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("key", "other"))
        .patch("/v1/plans/" + key)
        .then()
        .statusCode(400)
        .body("field", equalTo("key"));
    given().get("/v1/plans").then().body("items.key", not(hasItem("other")));
  }
}
