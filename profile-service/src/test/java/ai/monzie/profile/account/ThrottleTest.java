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
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-in and sign-up limits, attacked the way finding 1, 7 and 8 of issue 16 did. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class ThrottleTest {

  static final String PROBLEM = "application/problem+json";

  @Inject Pool pool;

  @Test
  void parallelWrongPasswordsNeverPassTheLimit() throws Exception {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String attacker = ProfileFixtures.uniqueAddress();
    List<Response> answers =
        Parallel.run(
            30, i -> ProfileFixtures.signIn(account.email(), "wrong guess " + i, attacker));
    List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
    assertThat(statuses).filteredOn(s -> s == 401).hasSizeLessThanOrEqualTo(5);
    assertThat(statuses).containsOnly(401, 429);
    for (Response refused : answers) {
      if (refused.statusCode() == 429) {
        assertThat(refused.contentType()).startsWith(PROBLEM);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
      }
    }
  }

  @Test
  void anAttackerIsLockedOutButTheOwnerAtAnotherAddressSignsIn() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String attacker = ProfileFixtures.uniqueAddress();
    for (int i = 0; i < 5; i++) {
      ProfileFixtures.signIn(account.email(), "guess " + i + "x", attacker).then().statusCode(401);
    }
    // the attacker's next guess, even the right password, is refused
    long firstLockout =
        Long.parseLong(
            ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD, attacker)
                .then()
                .statusCode(429)
                .contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .extract()
                .header("Retry-After"));
    assertThat(firstLockout).isBetween(1L, 15 * 60L);
    // the owner, at another address, still signs in
    ProfileFixtures.signIn(
            account.email(), ProfileFixtures.PASSWORD, ProfileFixtures.uniqueAddress())
        .then()
        .statusCode(200)
        .body("user.id", equalTo(account.id()));
  }

  @Test
  void guessesFromManyAddressesMeetThePerEmailLimit() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    for (int i = 0; i < 50; i++) {
      ProfileFixtures.signIn(account.email(), "guess " + i + "x", ProfileFixtures.uniqueAddress())
          .then()
          .statusCode(401);
    }
    ProfileFixtures.signIn(account.email(), "guess 51x", ProfileFixtures.uniqueAddress())
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue());
  }

  @Test
  void aSecondLockoutLastsTwiceAsLong() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String attacker = ProfileFixtures.uniqueAddress();
    for (int i = 0; i < 5; i++) {
      ProfileFixtures.signIn(account.email(), "guess " + i + "x", attacker).then().statusCode(401);
    }
    // the first lockout runs out (moved into the past here instead of waiting 15 minutes)
    expireThrottle(AccountService.room("login:email+client", account.email(), attacker));
    for (int i = 0; i < 5; i++) {
      ProfileFixtures.signIn(account.email(), "again " + i + "x", attacker).then().statusCode(401);
    }
    long retryAfter =
        Long.parseLong(
            ProfileFixtures.signIn(account.email(), "again 6x", attacker)
                .then()
                .statusCode(429)
                .extract()
                .header("Retry-After"));
    assertThat(retryAfter).isGreaterThan(15 * 60L).isLessThanOrEqualTo(30 * 60L);
  }

  @Test
  void signUpsFromOneAddressAreLimited() throws Exception {
    String client = ProfileFixtures.uniqueAddress();
    List<Integer> statuses =
        Parallel.run(31, i -> signUp(ProfileFixtures.uniqueEmail(), client).statusCode());
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(30);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(1);
    signUp(ProfileFixtures.uniqueEmail(), client)
        .then()
        .statusCode(429)
        .contentType(PROBLEM)
        .header("Retry-After", notNullValue());
    // another address is not affected
    signUp(ProfileFixtures.uniqueEmail(), ProfileFixtures.uniqueAddress()).then().statusCode(201);
  }

  @Test
  void probingOneEmailIsLimitedAndATakenEmailIs409() {
    String email = ProfileFixtures.uniqueEmail();
    signUp(email, ProfileFixtures.uniqueAddress()).then().statusCode(201);
    for (int i = 1; i < 10; i++) {
      signUp(email, ProfileFixtures.uniqueAddress()).then().statusCode(409).contentType(PROBLEM);
    }
    signUp(email, ProfileFixtures.uniqueAddress())
        .then()
        .statusCode(429)
        .contentType(PROBLEM)
        .header("Retry-After", notNullValue());
  }

  private static Response signUp(String email, String client) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", client)
        .body(Map.of("email", email, "password", ProfileFixtures.PASSWORD))
        .post("/v1/auth/signup");
  }

  private void expireThrottle(String key) {
    pool.preparedQuery("UPDATE throttle SET resets_at = now() - interval '1 second' WHERE key = $1")
        .execute(Tuple.of(key))
        .await()
        .indefinitely();
  }
}
