package ai.monzie.profile.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.monzie.platform.events.Topics;
import ai.monzie.profile.Mailbox;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forgot and reset over real SMTP, and every hostile use of a reset code (issue 11). */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class PasswordResetTest {

  static final String PROBLEM = "application/problem+json";
  static final String NEW_PASSWORD = "brand new 1234";

  @Inject Pool pool;

  @Test
  void resetFromTheMailedLinkSetsThePasswordAndEndsEverySession() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String otherAccess =
        ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).path("access_token");

    forgot(account.email()).then().statusCode(202);
    Mailbox.Mail mail = Mailbox.awaitMail(account.email(), "Reset your MonzieAI password");
    String code = mail.token("reset");
    assertThat(mail.text()).contains("https://monzie.ai/reset?token=").contains("30 minutes");
    assertThat(mail.html()).contains("monzie://reset?token=").contains("<a href=");
    assertThat(Base64.getUrlDecoder().decode(code)).hasSizeGreaterThanOrEqualTo(16); // >= 128 bits

    reset(code, NEW_PASSWORD).then().statusCode(204);

    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(401);
    ProfileFixtures.signIn(account.email(), NEW_PASSWORD).then().statusCode(200);
    ProfileFixtures.refresh(account.refreshToken()).then().statusCode(401).contentType(PROBLEM);
    for (String access : new String[] {account.accessToken(), otherAccess}) {
      given().auth().oauth2(access).get("/v1/profiles/me").then().statusCode(401);
    }
    var events =
        KafkaProbe.readUntil(
            Topics.SESSION_REVOKED,
            Duration.ofSeconds(30),
            read ->
                read.stream()
                        .filter(e -> e.key().equals(account.id()))
                        .filter(e -> e.value().contains("password-reset"))
                        .count()
                    == 2);
    events.stream()
        .filter(e -> e.key().equals(account.id()))
        .forEach(
            e -> assertThat(ContractSchemas.validate(Topics.SESSION_REVOKED, e.value())).isEmpty());
    // the code came through the mailbox: the email is the owner's
    String fresh = ProfileFixtures.signIn(account.email(), NEW_PASSWORD).path("access_token");
    given()
        .auth()
        .oauth2(fresh)
        .get("/v1/profiles/me")
        .then()
        .body("email_verified", equalTo(true));
  }

  @Test
  void aResetCodeWorksOnce() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String code = requestCode(account.email(), 1);
    reset(code, NEW_PASSWORD).then().statusCode(204);
    invalidCode(reset(code, "another one 99"));
    ProfileFixtures.signIn(account.email(), NEW_PASSWORD).then().statusCode(200);
  }

  @Test
  void anExpiredResetCodeIsRefusedAndChangesNothing() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String code = requestCode(account.email(), 1);
    pool.preparedQuery(
            "UPDATE account_tokens SET expires_at = now() - interval '1 second'"
                + " WHERE token_hash = $1")
        .execute(Tuple.of(AccountService.sha256(code)))
        .await()
        .indefinitely();
    invalidCode(reset(code, NEW_PASSWORD));
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
  }

  @Test
  void aNewerCodeEndsTheOlderOne() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String first = requestCode(account.email(), 1);
    String second = requestCode(account.email(), 2);
    assertThat(second).isNotEqualTo(first);
    invalidCode(reset(first, NEW_PASSWORD));
    reset(second, NEW_PASSWORD).then().statusCode(204);
  }

  @Test
  void aCodeResetsOnlyTheAccountItWasMailedTo() {
    ProfileFixtures.Account owner = ProfileFixtures.signUp();
    ProfileFixtures.Account other = ProfileFixtures.signUp();
    String code = requestCode(owner.email(), 1);
    reset(code, NEW_PASSWORD).then().statusCode(204);
    ProfileFixtures.signIn(other.email(), NEW_PASSWORD).then().statusCode(401);
    ProfileFixtures.signIn(other.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
    ProfileFixtures.refresh(other.refreshToken())
        .then()
        .statusCode(200); // the other's sessions go on
  }

  @Test
  void guessedCodesAreRefusedWithOneGenericProblem() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    requestCode(account.email(), 1); // a live code exists; guesses still miss it
    byte[] zeros = new byte[32];
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    for (String guess :
        new String[] {
          Base64.getUrlEncoder().withoutPadding().encodeToString(zeros),
          Base64.getUrlEncoder().withoutPadding().encodeToString(random),
          "0",
          "x".repeat(5000),
          "' OR 1=1 --"
        }) {
      invalidCode(reset(guess, NEW_PASSWORD));
    }
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
  }

  @Test
  void aNewPasswordBreakingTheRulesKeepsTheCodeUsable() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String code = requestCode(account.email(), 1);
    reset(code, "short1")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("password"));
    reset(code, "onlyletters").then().statusCode(400);
    reset(code, NEW_PASSWORD).then().statusCode(204);
  }

  @Test
  void anUnknownEmailGetsTheSameAnswerInTheSameTimeAndNoMail() {
    ProfileFixtures.Account known = ProfileFixtures.signUp();
    String unknown = ProfileFixtures.uniqueEmail();
    long t0 = System.nanoTime();
    Response forUnknown = forgot(unknown);
    long unknownMillis = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    Response forKnown = forgot(known.email());
    long knownMillis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(forUnknown.statusCode()).isEqualTo(202).isEqualTo(forKnown.statusCode());
    assertThat(forUnknown.body().asString()).isEqualTo(forKnown.body().asString());
    assertThat(forUnknown.contentType()).isEqualTo(forKnown.contentType());
    // both wait out monzie.auth.forgot-min-duration (400ms), which covers the mail's transaction
    assertThat(unknownMillis).isGreaterThanOrEqualTo(400);
    assertThat(knownMillis).isGreaterThanOrEqualTo(400);
    assertThat(Math.abs(unknownMillis - knownMillis)).isLessThan(300);

    Mailbox.awaitMail(known.email(), "Reset your MonzieAI password");
    assertThat(Mailbox.to(unknown)).isEmpty();
  }

  @Test
  void forgotIsThrottledPerEmail() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    for (int i = 0; i < 5; i++) {
      forgot(account.email()).then().statusCode(202);
    }
    forgot(account.email())
        .then()
        .statusCode(429)
        .contentType(PROBLEM)
        .header("Retry-After", notNullValue());
  }

  @Test
  void forgotIsThrottledPerClientAddress() {
    String client = ProfileFixtures.uniqueAddress();
    for (int i = 0; i < 20; i++) {
      forgot(ProfileFixtures.uniqueEmail(), client).then().statusCode(202);
    }
    forgot(ProfileFixtures.uniqueEmail(), client)
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue());
  }

  @Test
  void theMailIsInTheAccountsLanguage() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("locale", "tr"))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("locale", equalTo("tr"));
    forgot(account.email()).then().statusCode(202);
    Mailbox.Mail mail = Mailbox.awaitMail(account.email(), "şifreni sıfırla");
    assertThat(mail.text()).contains("dakika").contains("monzie://reset?token=");
    assertThat(mail.html()).contains("Yeni şifre belirle");
  }

  private String requestCode(String email, int nth) {
    forgot(email).then().statusCode(202);
    return Mailbox.awaitMail(email, "Reset your MonzieAI password", nth).token("reset");
  }

  static void invalidCode(Response response) {
    response
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", org.hamcrest.Matchers.endsWith("invalid-code"));
  }

  static Response forgot(String email) {
    return forgot(email, ProfileFixtures.uniqueAddress());
  }

  static Response forgot(String email, String client) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-Forwarded-For", client)
        .body(Map.of("email", email))
        .post("/v1/auth/password/forgot");
  }

  static Response reset(String token, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", token, "new_password", password))
        .post("/v1/auth/password/reset");
  }
}
