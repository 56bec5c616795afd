package ai.monzie.profile;

import static io.restassured.RestAssured.given;

import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.TestInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/** ProfileFixtures made through the API, with unique emails so tests never collide. */
public final class ProfileFixtures {
  private ProfileFixtures() {}

  public static final String PASSWORD = "correct horse 42";

  public record Account(String id, String email, String accessToken, String refreshToken) {}

  public static String uniqueEmail() {
    return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@Example.com";
  }

  /** A client address no other test uses (10.x.y.z), for tests near the per-client limits. */
  public static String uniqueAddress() {
    int n = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24);
    return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
  }

  public static Account signUp() {
    return signUp(uniqueEmail(), Map.of());
  }

  public static Account signUp(String email, Map<String, Object> extra) {
    var body = new java.util.HashMap<String, Object>(extra);
    body.put("email", email);
    body.put("password", PASSWORD);
    JsonPath json =
        given()
            .contentType(ContentType.JSON)
            // an address of its own: sign-ups are limited per client address (ThrottleTest)
            .header("X-Forwarded-For", uniqueAddress())
            .body(body)
            .post("/v1/auth/signup")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Account(
        json.getString("user.id"),
        json.getString("user.email"),
        json.getString("access_token"),
        json.getString("refresh_token"));
  }

  /** {@code POST /v1/auth/token} with grant_type=password, from a client address of its own. */
  public static Response signIn(String email, String password) {
    return signIn(email, password, uniqueAddress());
  }

  /** The same from this client address: the per-client sign-in limits count it (ThrottleTest). */
  public static Response signIn(String email, String password, String client) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", client)
        .body(Map.of("grant_type", "password", "email", email, "password", password))
        .post("/v1/auth/token");
  }

  /** {@code POST /v1/auth/token} with grant_type=refresh_token. */
  public static Response refresh(String refreshToken) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
        .post("/v1/auth/token");
  }

  /** An operator (service_role) token. */
  public static String operatorToken() {
    return TestInfra.token(OpenApiContract.OPERATOR, UUID.randomUUID().toString());
  }

  /**
   * The demo plans of deploy/catalog/demo-plans.json (what {@code deploy/monzie start} loads),
   * posted through the API once per test run; a plan there already (409) is fine.
   */
  public static synchronized void ensureDemoPlans() {
    if (demoPlansLoaded) {
      return;
    }
    try {
      JsonNode file =
          new ObjectMapper()
              .readTree(
                  ContractSchemas.contractsDir()
                      .getParent()
                      .resolve("catalog/demo-plans.json")
                      .toFile());
      String token = operatorToken();
      for (JsonNode plan : file.get("plans")) {
        int status =
            given()
                .auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(plan.toString())
                .post("/v1/plans")
                .then()
                .extract()
                .statusCode();
        if (status != 201 && status != 409) {
          throw new AssertionError("demo plan " + plan.get("key") + " refused: " + status);
        }
      }
      demoPlansLoaded = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean demoPlansLoaded;

  /** A fresh Expo push token; {@code hint} lands inside it (the fake Expo reads it, see tests). */
  public static String expoToken(String hint) {
    return "ExponentPushToken[" + hint + UUID.randomUUID().toString().replace("-", "") + "]";
  }

  /** A fresh FCM registration token (the real ones: ~160 URL-safe base64 characters with ':'). */
  public static String fcmToken() {
    return "f" + UUID.randomUUID().toString().replace("-", "") + ":APA91b" + "x".repeat(120);
  }

  /** Registers the token to the account: {@code PUT /v1/devices/{token}}, 200. */
  public static JsonPath registerDevice(Account account, String token, String provider) {
    return given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("platform", "fcm".equals(provider) ? "android" : "ios", "provider", provider))
        .put("/v1/devices/{token}", token)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The tokens registered to the account, newest first. */
  public static java.util.List<String> deviceTokens(Account account) {
    return given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/devices")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("devices.token", String.class);
  }

  /** The account's profile: {@code GET /v1/profiles/me}, 200. */
  public static JsonPath me(Account account) {
    return given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The account's generation_count: how many image.generated events profile has applied. */
  public static int generationCount(Account account) {
    return me(account).getInt("generation_count");
  }

  /** PATCH /v1/profiles/me {notifications_enabled}: 200. */
  public static void setNotifications(Account account, boolean enabled) {
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("notifications_enabled", enabled))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(200);
  }
}
