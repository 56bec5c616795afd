package ai.monzie.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;

/** The mobile app's view: every call through the gateway. */
final class Api {
  private Api() {}

  record User(String id, String email, String token) {}

  /** The gateway's URL of the deployment under test. */
  static String url() {
    return Deployment.current().apiUrl();
  }

  /** Every call checked against the OpenAPI document of the service that answers it. */
  static RequestSpecification anyone() {
    return given().baseUri(url()).filter(ServedContracts.INSTANCE);
  }

  static RequestSpecification as(User user) {
    return anyone().auth().oauth2(user.token());
  }

  static RequestSpecification operator() {
    return anyone().auth().oauth2(Deployment.current().serviceRoleToken());
  }

  static User signUp() {
    String email = "e2e-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    JsonPath r =
        anyone()
            // each user signs up from a phone of their own: sign-ups are throttled per client
            // address (30 an hour), and the gateway and profile trust X-Forwarded-For from loopback
            .header(
                "X-Forwarded-For",
                "198.51.100." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255))
            .contentType(ContentType.JSON)
            .body(Map.of("email", email, "password", "e2e password 1", "gender", "female"))
            .post("/v1/auth/signup")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new User(r.getString("user.id"), email, r.getString("access_token"));
  }

  static String freeScene(String category) {
    return anyone()
        .get("/v1/scenes?category=" + category + "&premium=false&limit=1")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("items[0].id");
  }

  /** A new portrait scene named {@code name}, created by an operator; its id. */
  static String createScene(String name) {
    return operator()
        .contentType(ContentType.JSON)
        .body(Map.of("name", name, "category", "portrait", "prompt_template", "A {gender}"))
        .post("/v1/scenes")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static io.restassured.response.Response generate(User user, String scene) {
    return as(user)
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(Map.of("scene_id", scene))
        .post("/v1/generations");
  }

  static JsonPath generation(User user, String id) {
    return as(user).get("/v1/generations/" + id).then().statusCode(200).extract().jsonPath();
  }

  static long sql(String database, String query, Object... params) throws Exception {
    try (var c =
            DriverManager.getConnection(
                Deployment.current().jdbcUrl(database), "postgres", "postgres");
        var st = c.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      var rs = st.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  static void revenueCat(String type, String user, long expirationMs) {
    revenueCat(type, user, "monzie_premium_monthly", expirationMs);
  }

  /** A RevenueCat webhook of {@code type} for the store product (a plan's or pack's). */
  static void revenueCat(String type, String user, String product, long expirationMs) {
    String secret = Deployment.current().revenueCatSecret();
    anyone()
        .header("Authorization", "Bearer " + secret)
        .contentType(ContentType.JSON)
        .body(
            """
            {"api_version":"1.0","event":{"id":"%s","type":"%s","app_user_id":"%s","original_app_user_id":"%s",
             "entitlement_ids":["premium"],"product_id":"%s","expiration_at_ms":%d,
             "event_timestamp_ms":%d,"environment":"SANDBOX","store":"APP_STORE"}}"""
                .formatted(
                    UUID.randomUUID(),
                    type,
                    user,
                    user,
                    product,
                    expirationMs,
                    System.currentTimeMillis()))
        .post("/v1/webhooks/revenuecat")
        .then()
        .statusCode(200);
  }
}
