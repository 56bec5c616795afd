package ai.monzie.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import ai.monzie.testing.RawHttp;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 16's hostile inputs against profile: each answered 4xx problem+json, nothing stored. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class HostileInputTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void aSignedTokenWhoseSubjectIsNotAUserIdIs401NotA500() {
    String token = TestInfra.token("authenticated", "not-a-uuid");
    given().auth().oauth2(token).get("/v1/profiles/me").then().statusCode(401).contentType(PROBLEM);
    given()
        .auth()
        .oauth2(token)
        .post("/v1/auth/logout")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  /** JSON escapes, as a client sends them: NUL, lone high and low surrogates. */
  @ParameterizedTest
  @ValueSource(strings = {"Ali\\u0000ce", "\\ud800", "Bob\\udfff", "\\ud83dX"})
  void aDisplayNameWithNulOrALoneSurrogateIs400AndNothingChanges(String escaped) {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    patch(account, "{\"display_name\":\"Before\"}").then().statusCode(200);
    patch(account, "{\"display_name\":\"" + escaped + "\"}")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("display_name"));
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("display_name", equalTo("Before"));
  }

  @Test
  void nulInTheEmailIs400AtSignUpAndLogin() {
    String email = ProfileFixtures.uniqueEmail();
    String nul = email.replace("@", "\\u0000@");
    given()
        .contentType(ContentType.JSON)
        .body("{\"email\":\"" + nul + "\",\"password\":\"" + ProfileFixtures.PASSWORD + "\"}")
        .post("/v1/auth/signup")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("email"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"grant_type\":\"password\",\"email\":\""
                + nul
                + "\",\"password\":\""
                + ProfileFixtures.PASSWORD
                + "\"}")
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    // the clean address was never taken
    ProfileFixtures.signUp(email, Map.of());
  }

  @Test
  void aBodyOverTheLimitIs413ProblemBeforeItIsRead() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    // a 100 KB display_name (limit 64K) and a 10 MB body: declared, the first KB sent; the answer
    // must come from the headers, as it would while an attacker is still uploading
    for (int size : new int[] {100 * 1024, 10 * 1024 * 1024}) {
      String prefix = "{\"display_name\":\"" + "x".repeat(1000);
      RawHttp.Answer answer =
          RawHttp.send(
              RestAssured.port,
              "PATCH /v1/profiles/me HTTP/1.1\r\nHost: localhost\r\n"
                  + "Authorization: Bearer "
                  + account.accessToken()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + size,
              prefix.getBytes(StandardCharsets.UTF_8));
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.header("Content-Type")).startsWith(PROBLEM);
      assertThat(answer.body()).contains("\"status\":413").contains("payload-too-large");
    }
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("display_name", nullValue());
  }

  @Test
  void aVeryLongTargetIs414AndHugeHeadersAre431AsProblems() {
    given()
        .queryParam("cursor", "c".repeat(6000))
        .get("/v1/profiles/me")
        .then()
        .statusCode(414)
        .contentType(PROBLEM)
        .body("status", equalTo(414));
    given()
        .header("X-Padding", "p".repeat(17_000))
        .get("/v1/profiles/me")
        .then()
        .statusCode(431)
        .contentType(PROBLEM)
        .body("status", equalTo(431));
  }

  @Test
  void nulInAQueryParameterOrThePathIs400() {
    given()
        .urlEncodingEnabled(false)
        .get("/v1/profiles/me?x=a%00b")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", containsString("NUL"));
    given()
        .urlEncodingEnabled(false)
        .get("/v1/profiles/%00")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void tokensAndProfilesAreNeverCachedAndNeverFramed() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD)
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff");
    // errors too, including the ones Quarkus answers itself
    given()
        .get("/v1/no-such-route")
        .then()
        .statusCode(404)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "no-store");
  }

  private static io.restassured.response.Response patch(
      ProfileFixtures.Account account, String json) {
    return given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(json)
        .patch("/v1/profiles/me");
  }
}
