package ai.monzie.profile.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import ai.monzie.infra.DevKeys;
import ai.monzie.platform.events.Topics;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithMonzieInfra(database = "profile")
class ProfileTest {

  static final String PROBLEM = "application/problem+json";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "is_premium",
        "generation_count",
        "favorite_count",
        "subscription_status",
        "subscription_expires_at",
        "email",
        "id",
        "revenue_cat_user_id"
      })
  void patchCannotEscalateOrTouchCounters(String field) {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Object value = field.endsWith("_count") ? 999 : field.equals("is_premium") ? true : "x";
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of(field, value, "display_name", "Sneaky"))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("fields", equalTo(List.of(field)));
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("is_premium", equalTo(false))
        .body("generation_count", equalTo(0))
        .body("display_name", nullValue())
        .body("email", equalTo(account.email()));
  }

  @Test
  void patchChangesEditableFieldsAndAGenderChangePublishesProfileChanged() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "display_name",
                "Mehmet",
                "gender",
                "male",
                "avatar_url",
                "https://cdn.example.com/a.png"))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("display_name", equalTo("Mehmet"))
        .body("gender", equalTo("male"))
        .body("version", equalTo(2));
    var events =
        KafkaProbe.readUntil(
            Topics.PROFILE_CHANGED,
            Duration.ofSeconds(30),
            read -> read.stream().filter(e -> account.id().equals(e.key())).count() >= 2);
    var mine = events.stream().filter(e -> account.id().equals(e.key())).toList();
    assertThat(mine.get(1).value()).contains("\"male\"");
    for (var e : mine) {
      assertThat(ContractSchemas.validate(Topics.PROFILE_CHANGED, e.value())).isEmpty();
    }
    var signedUp =
        KafkaProbe.readUntil(
            Topics.USER_SIGNED_UP,
            Duration.ofSeconds(30),
            read -> read.stream().anyMatch(e -> account.id().equals(e.key())));
    signedUp.stream()
        .filter(e -> account.id().equals(e.key()))
        .forEach(
            e -> assertThat(ContractSchemas.validate(Topics.USER_SIGNED_UP, e.value())).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"gender\":\"other\"}",
        "{\"avatar_url\":\"http://insecure.example.com/a.png\"}",
        "{\"avatar_url\":\"javascript:alert(1)\"}",
        "{\"display_name\":42}",
        "[]",
        "{"
      })
  void invalidPatchesAre400AndChangeNothing(String body) {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(body)
        .patch("/v1/profiles/me")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("version", equalTo(1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /v1/profiles/me",
        "PATCH /v1/profiles/me",
        "DELETE /v1/profiles/me",
        "POST /v1/auth/logout",
        "GET /v1/profiles/00000000-0000-0000-0000-000000000001"
      })
  void badTokensAre401OnEveryProtectedEndpoint(String call) {
    String[] parts = call.split(" ");
    String sub = UUID.randomUUID().toString();
    String otherKey = DevKeys.generate().mint("authenticated", sub, null, Duration.ofMinutes(5));
    String expired = expiredToken(sub);
    String none =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("{\"sub\":\""
                            + sub
                            + "\",\"groups\":[\"authenticated\",\"service_role\"],\"iss\":\"https://monzie.ai\",\"aud\":\"monzie-api\",\"exp\":"
                            + (System.currentTimeMillis() / 1000 + 300)
                            + "}")
                        .getBytes())
            + ".";
    for (String token : List.of(otherKey, expired, none, "not-a-jwt")) {
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body("{}")
          .request(parts[0], parts[1])
          .then()
          .statusCode(401)
          .contentType(PROBLEM);
    }
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .request(parts[0], parts[1])
        .then()
        .statusCode(401);
  }

  @Test
  void operatorsReadAnyProfileAndUsersCannot() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .get("/v1/profiles/" + account.id())
        .then()
        .statusCode(200)
        .body("email", equalTo(account.email()));
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/" + account.id())
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", UUID.randomUUID().toString()))
        .get("/v1/profiles/not-a-uuid")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void deletingTheAccountRemovesItAndPublishesUserDeletedOnce() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    given().auth().oauth2(account.accessToken()).delete("/v1/profiles/me").then().statusCode(204);
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(401);
    ProfileFixtures.refresh(account.refreshToken()).then().statusCode(401);
    // the still-unexpired access token of the deleted account is refused at once (issue 16, #6)
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    KafkaProbe.readUntil(
        Topics.USER_DELETED,
        Duration.ofSeconds(30),
        read -> read.stream().anyMatch(e -> account.id().equals(e.key())));
    var all = KafkaProbe.readFor(Topics.USER_DELETED, Duration.ofSeconds(2));
    var mine = all.stream().filter(e -> account.id().equals(e.key())).toList();
    assertThat(mine).hasSize(1);
    assertThat(ContractSchemas.validate(Topics.USER_DELETED, mine.get(0).value())).isEmpty();
  }

  static String expiredToken(String sub) {
    // signed by the trusted key, but expired
    return TestInfra.get().keys().mint("authenticated", sub, null, Duration.ofMinutes(-5));
  }
}
