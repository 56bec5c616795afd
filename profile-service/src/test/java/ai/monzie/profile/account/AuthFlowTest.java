package ai.monzie.profile.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithMonzieInfra(database = "profile")
class AuthFlowTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void signupLoginRefreshReuseDetectionAndLogout() {
    String email = ProfileFixtures.uniqueEmail();
    ProfileFixtures.Account account =
        ProfileFixtures.signUp(email, Map.of("gender", "female", "display_name", "Ayşe"));
    assertThat(account.email()).isEqualTo(email.toLowerCase());
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("email", equalTo(email.toLowerCase()))
        .body("gender", equalTo("female"));

    // sign in with another case of the same email
    String refresh =
        ProfileFixtures.signIn(email.toUpperCase(), ProfileFixtures.PASSWORD)
            .then()
            .statusCode(200)
            .body("token_type", equalTo("bearer"))
            .body("expires_in", equalTo(900))
            .extract()
            .path("refresh_token");

    // rotation: a refresh gives a new pair; the old refresh token is spent
    String rotated =
        ProfileFixtures.refresh(refresh)
            .then()
            .statusCode(200)
            .body("access_token", notNullValue())
            .extract()
            .path("refresh_token");
    assertThat(rotated).isNotEqualTo(refresh);

    // reuse of the spent token: 401, and the whole family (the rotated token too) is revoked
    ProfileFixtures.refresh(refresh).then().statusCode(401).contentType(PROBLEM);
    ProfileFixtures.refresh(rotated).then().statusCode(401).contentType(PROBLEM);

    // logout revokes the session of the access token
    var session =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "grant_type", "password", "email", email, "password", ProfileFixtures.PASSWORD))
            .post("/v1/auth/token")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    given()
        .auth()
        .oauth2(session.getString("access_token"))
        .post("/v1/auth/logout")
        .then()
        .statusCode(204);
    ProfileFixtures.refresh(session.getString("refresh_token")).then().statusCode(401);
  }

  @Test
  void wrongCredentialsGetOneGenericMessage() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String wrongPassword =
        ProfileFixtures.signIn(account.email(), "wrong password 1")
            .then()
            .statusCode(401)
            .contentType(PROBLEM)
            .extract()
            .path("detail");
    String unknownEmail =
        ProfileFixtures.signIn(ProfileFixtures.uniqueEmail(), "wrong password 1")
            .then()
            .statusCode(401)
            .contentType(PROBLEM)
            .extract()
            .path("detail");
    assertThat(wrongPassword).isEqualTo(unknownEmail);
  }

  @Test
  void concurrentSignupsWithOneEmailCreateExactlyOneAccount() throws Exception {
    String email = ProfileFixtures.uniqueEmail();
    List<Integer> statuses =
        Parallel.run(
            8,
            i ->
                given()
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", ProfileFixtures.PASSWORD))
                    .post("/v1/auth/signup")
                    .statusCode());
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"short1", "onlyletters", "12345678901", ""})
  void weakPasswordsAre400(String password) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", ProfileFixtures.uniqueEmail(), "password", password))
        .post("/v1/auth/signup")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("password"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-at-sign", "a@b", "two@@example.com", " "})
  void malformedEmailsAre400(String email) {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", ProfileFixtures.PASSWORD))
        .post("/v1/auth/signup")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("email"));
  }

  @Test
  void aSignUpWithSeveralBadFieldsNamesThemAllAndCreatesNothing() {
    String email = ProfileFixtures.uniqueEmail();
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email",
                email,
                "password",
                ProfileFixtures.PASSWORD,
                "gender",
                "other",
                "display_name",
                "x".repeat(81)))
        .post("/v1/auth/signup")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", equalTo(List.of("display_name", "gender")))
        .body(
            "errors.message", equalTo(List.of("at most 80 characters", "must be male or female")));
    // nothing was written: the same email signs up afterwards
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", ProfileFixtures.PASSWORD))
        .post("/v1/auth/signup")
        .then()
        .statusCode(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u2003", "ab\u2003cd"})
  void unicodeSpaceEmailsAre400NotA500(String escaped) {
    given()
        .contentType(ContentType.JSON)
        .body("{\"email\":\"" + escaped + "\",\"password\":\"" + ProfileFixtures.PASSWORD + "\"}")
        .post("/v1/auth/signup")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("email"));
  }

  @Test
  void jwksPublishesTheKeyWithItsId() {
    given()
        .get("/.well-known/jwks.json")
        .then()
        .statusCode(200)
        .body("keys[0].kid", notNullValue())
        .body("keys[0].kty", equalTo("RSA"))
        .body("keys[0].alg", equalTo("RS256"))
        .body("keys[0].d", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void unknownGrantTypeAndMalformedBodiesAre400() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("grant_type", "client_credentials"))
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body("{")
        .post("/v1/auth/token")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }
}
