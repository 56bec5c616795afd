package ai.monzie.generation;

import static ai.monzie.generation.GenerationFixtures.as;
import static ai.monzie.generation.GenerationFixtures.jsonAs;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 16's hostile inputs against generation: 4xx problem+json, no job stored. */
@QuarkusTest
@WithMonzieInfra(database = "generation")
class HostileInputTest {

  static final String PROBLEM = "application/problem+json";

  /** {@code "seed": 1.5} was truncated to 1 and answered 202; a string was parsed. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"seed\": 1.5|seed",
        "\"seed\": \"7\"|seed",
        "\"seed\": true|seed",
        "\"style\": 5|style",
        "\"style\": \"a\\u0000b\"|style",
        "\"style\": \"\\ud800\"|style",
        "\"negative_prompt\": \"\\udfff\"|negative_prompt"
      })
  void aValueOfTheWrongTypeOrWithUnstorableTextIs400AndNoJobIsCreated(String field, String name) {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    GenerationFixtures.profile(user, false, "female", null, 1);
    jsonAs(user)
        .body("{\"scene_id\": \"" + scene + "\", " + field + "}")
        .post("/v1/generations")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo(name));
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM generation_jobs WHERE user_id = $1", Tuple.of(user)))
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/usage/today",
        "/v1/usage",
        "/v1/usage/ledger",
        "/v1/images",
        "/v1/generations/" + "x"
      })
  void aSignedTokenWhoseSubjectIsNotAUserIdIs401(String path) {
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", "not-a-uuid"))
        .get(path)
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/images", "/v1/usage/today", "/v1/usage", "/v1/usage/ledger"})
  void aUsersDataIsNeverCachedAndNeverFramed(String path) {
    as(GenerationFixtures.user())
        .get(path)
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY");
  }
}
