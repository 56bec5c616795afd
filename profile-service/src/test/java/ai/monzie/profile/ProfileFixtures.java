package ai.monzie.profile;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

/** Accounts made through the API, with unique emails so tests never collide. */
public final class ProfileFixtures {
  private ProfileFixtures() {}

  public static final String PASSWORD = "correct horse 42";

  public record Account(String id, String email, String accessToken, String refreshToken) {}

  public static String uniqueEmail() {
    return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@Example.com";
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
}
