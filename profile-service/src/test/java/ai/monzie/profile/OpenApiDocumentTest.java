package ai.monzie.profile;

import static ai.monzie.testing.OpenApiContract.OPERATOR;
import static ai.monzie.testing.OpenApiContract.USER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The served /q/openapi describes the wire a generated client will meet. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class OpenApiDocumentTest {

  @Test
  void schemasNameTheFieldsAsTheAnswersSendThem() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.camelCaseProperties()).isEmpty();

    String tokens =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "email", ProfileFixtures.uniqueEmail(), "password", ProfileFixtures.PASSWORD))
            .post("/v1/auth/signup")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(api.answerProblems("post", "/v1/auth/signup", 201, tokens)).isEmpty();
    String access = io.restassured.path.json.JsonPath.from(tokens).getString("access_token");
    // a fresh profile: no gender, display name, avatar, subscription — all documented nullable
    String me =
        given()
            .auth()
            .oauth2(access)
            .get("/v1/profiles/me")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(api.answerProblems("get", "/v1/profiles/me", 200, me)).isEmpty();
    String patched =
        given()
            .auth()
            .oauth2(access)
            .contentType(ContentType.JSON)
            .body(Map.of("display_name", "Doc"))
            .patch("/v1/profiles/me")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(api.answerProblems("patch", "/v1/profiles/me", 200, patched)).isEmpty();
    String accepted =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("email", ProfileFixtures.uniqueEmail()))
            .post("/v1/auth/password/forgot")
            .then()
            .statusCode(202)
            .extract()
            .asString();
    assertThat(api.answerProblems("post", "/v1/auth/password/forgot", 202, accepted)).isEmpty();
    String apple =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "id_token",
                    FakeIdentityProviders.sign(
                        FakeIdentityProviders.appleClaims(), FakeIdentityProviders.appleKey)))
            .post("/v1/auth/signin/apple")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(api.answerProblems("post", "/v1/auth/signin/apple", 201, apple)).isEmpty();
    String jwks = given().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/.well-known/jwks.json", 200, jwks)).isEmpty();
    ProfileFixtures.ensureDemoPlans(); // packs with period_days null: documented nullable
    String plans = given().get("/v1/plans").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/plans", 200, plans)).isEmpty();
    String created =
        given()
            .auth()
            .oauth2(ProfileFixtures.operatorToken())
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "key",
                    "doc_" + UUID.randomUUID().toString().substring(0, 8),
                    "display_name",
                    "Doc pack",
                    "price_usd",
                    1.99,
                    "credits",
                    5,
                    "kind",
                    "pack",
                    "store_product_ids",
                    java.util.List.of("doc_" + UUID.randomUUID())))
            .post("/v1/plans")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(api.answerProblems("post", "/v1/plans", 201, created)).isEmpty();
  }

  @Test
  void everyOperationHasAnIdATagADescriptionAndProblemFailures() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.operationProblems()).isEmpty();
    assertThat(api.operation("post", "/v1/auth/signup").path("responses").has("201")).isTrue();
    assertThat(api.operation("post", "/v1/auth/signup").path("responses").has("409")).isTrue();
    assertThat(api.operation("post", "/v1/auth/token").path("responses").has("429")).isTrue();
    assertThat(api.operation("delete", "/v1/profiles/me").path("responses").has("204")).isTrue();
    assertThat(api.operation("post", "/v1/auth/password/forgot").path("responses").has("429"))
        .isTrue();
    assertThat(api.operation("post", "/v1/auth/signin/google").path("responses").has("404"))
        .isTrue();
    assertThat(api.operation("post", "/v1/auth/password/change").path("responses").has("401"))
        .isTrue();
  }

  @Test
  void oneBearerSchemeAndTheRolesTheResourcesRequire() {
    OpenApiContract api = OpenApiContract.served();
    assertThat(api.securityProblems()).isEmpty();
    assertThat(api.allowsAnonymous("post", "/v1/auth/signup")).isTrue();
    assertThat(api.allowsAnonymous("post", "/v1/auth/token")).isTrue();
    assertThat(api.allowsAnonymous("get", "/.well-known/jwks.json")).isTrue();
    // the webhook's Authorization is RevenueCat's shared secret, not a bearer token of ours
    assertThat(api.allowsAnonymous("post", "/v1/webhooks/revenuecat")).isTrue();
    assertThat(api.allowsAnonymous("post", "/v1/webhooks/adapty")).isTrue();
    assertThat(api.allowsAnonymous("get", "/v1/plans")).isTrue();
    assertThat(api.roles("post", "/v1/plans")).containsExactly(OPERATOR);
    assertThat(api.roles("patch", "/v1/plans/{key}")).containsExactly(OPERATOR);
    assertThat(api.roles("delete", "/v1/plans/{key}")).containsExactly(OPERATOR);
    assertThat(api.roles("get", "/v1/profiles/me")).containsExactly(USER);
    assertThat(api.roles("patch", "/v1/profiles/me")).containsExactly(USER);
    assertThat(api.roles("delete", "/v1/profiles/me")).containsExactly(USER);
    assertThat(api.roles("post", "/v1/auth/logout")).containsExactly(USER);
    assertThat(api.roles("post", "/v1/auth/password/change")).containsExactly(USER);
    assertThat(api.roles("post", "/v1/auth/email/resend")).containsExactly(USER);
    for (String open :
        new String[] {
          "/v1/auth/password/forgot",
          "/v1/auth/password/reset",
          "/v1/auth/email/verify",
          "/v1/auth/signin/apple",
          "/v1/auth/signin/google"
        }) {
      assertThat(api.allowsAnonymous("post", open)).as(open).isTrue();
    }
    assertThat(api.roles("get", "/v1/profiles/{id}")).containsExactly(OPERATOR);
    given()
        .auth()
        .oauth2(TestInfra.token(USER, UUID.randomUUID().toString()))
        .get("/v1/profiles/" + UUID.randomUUID())
        .then()
        .statusCode(403);
  }

  @Test
  void documentedLimitsAreTheEnforcedOnes() {
    OpenApiContract api = OpenApiContract.served();
    int displayName =
        api.document().at("/components/schemas/Signup/properties/display_name/maxLength").asInt();
    int minPassword =
        api.document().at("/components/schemas/Signup/properties/password/minLength").asInt();
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email",
                ProfileFixtures.uniqueEmail(),
                "password",
                ProfileFixtures.PASSWORD,
                "display_name",
                "d".repeat(displayName + 1)))
        .post("/v1/auth/signup")
        .then()
        .statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email",
                ProfileFixtures.uniqueEmail(),
                "password",
                "ab12cd3".substring(0, minPassword - 1)))
        .post("/v1/auth/signup")
        .then()
        .statusCode(400);
    var patch =
        api.operation("patch", "/v1/profiles/me")
            .at("/requestBody/content/application~1json/schema/properties/display_name/maxLength")
            .asInt();
    var account = ProfileFixtures.signUp();
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("display_name", "d".repeat(patch)))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("display_name", "d".repeat(patch + 1)))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(400);
  }

  @Test
  void theDocumentStoredAtBuildIsTheServedOne() throws Exception {
    Path stored = Path.of("target/openapi/openapi.json");
    assertThat(stored).exists();
    assertThat(OpenApiContract.of(Files.readString(stored)).document())
        .isEqualTo(OpenApiContract.served().document());
  }
}
