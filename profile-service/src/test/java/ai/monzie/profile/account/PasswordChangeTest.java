package ai.monzie.profile.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changing the password of a signed-in account. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class PasswordChangeTest {

  static final String NEW_PASSWORD = "changed pass 77";

  @Test
  void changeEndsEveryOtherSessionAndKeepsThisOne() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String client = ProfileFixtures.uniqueAddress();
    var other = ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).jsonPath();

    change(account.accessToken(), ProfileFixtures.PASSWORD, NEW_PASSWORD, client)
        .then()
        .statusCode(204);

    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(401);
    ProfileFixtures.signIn(account.email(), NEW_PASSWORD).then().statusCode(200);
    ProfileFixtures.refresh(other.getString("refresh_token")).then().statusCode(401);
    given()
        .auth()
        .oauth2(other.getString("access_token"))
        .get("/v1/profiles/me")
        .then()
        .statusCode(401);
    // this session goes on
    given().auth().oauth2(account.accessToken()).get("/v1/profiles/me").then().statusCode(200);
    ProfileFixtures.refresh(account.refreshToken()).then().statusCode(200);
  }

  @Test
  void aWrongCurrentPasswordIs401AndCountsTowardTheSignInThrottle() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String client = ProfileFixtures.uniqueAddress();
    for (int i = 0; i < 5; i++) {
      change(account.accessToken(), "wrong guess " + i, NEW_PASSWORD, client)
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
    change(account.accessToken(), ProfileFixtures.PASSWORD, NEW_PASSWORD, client)
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue());
    // the sign-in from that address is locked too: the same rooms
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD, client)
        .then()
        .statusCode(429);
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
  }

  @Test
  void theNewPasswordFollowsTheSignUpRules() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String client = ProfileFixtures.uniqueAddress();
    change(account.accessToken(), ProfileFixtures.PASSWORD, "short1", client)
        .then()
        .statusCode(400)
        .body("field", equalTo("password"));
    change(account.accessToken(), ProfileFixtures.PASSWORD, account.email(), client)
        .then()
        .statusCode(400);
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("current_password", "x", "new_password", NEW_PASSWORD))
        .post("/v1/auth/password/change")
        .then()
        .statusCode(401);
  }

  static Response change(String access, String current, String next, String client) {
    return given()
        .auth()
        .oauth2(access)
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", client)
        .body(Map.of("current_password", current, "new_password", next))
        .post("/v1/auth/password/change");
  }
}
