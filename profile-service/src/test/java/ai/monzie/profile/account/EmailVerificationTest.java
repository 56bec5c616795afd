package ai.monzie.profile.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.monzie.profile.Mailbox;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-up's verification mail, verify and resend, the account's language, CR/LF in emails. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class EmailVerificationTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void signUpMailsAVerificationLinkInTheAcceptedLanguageAndVerifyConfirmsTheEmail() {
    String email = ProfileFixtures.uniqueEmail().toLowerCase();
    JsonPath account =
        signUp(email, "tr-TR,tr;q=0.9,en;q=0.5").then().statusCode(201).extract().jsonPath();
    String access = account.getString("access_token");
    me(access).then().body("email_verified", equalTo(false)).body("locale", equalTo("tr"));

    Mailbox.Mail mail = Mailbox.awaitMail(email, "e-posta adresini doğrula");
    assertThat(mail.text()).contains("https://monzie.ai/verify?token=").contains("48 saat");
    assertThat(mail.html()).contains("E-postamı doğrula");
    String code = mail.token("verify");

    verify(code).then().statusCode(204);
    me(access).then().body("email_verified", equalTo(true));
    verify(code).then().statusCode(400).contentType(PROBLEM).body("type", endsWith("invalid-code"));
    verify("guessed-" + code).then().statusCode(400).body("type", endsWith("invalid-code"));
  }

  @Test
  void aLanguageOtherThanTurkishOrEnglishGetsEnglish() {
    String email = ProfileFixtures.uniqueEmail().toLowerCase();
    String access =
        signUp(email, "de-DE,fr;q=0.8").then().statusCode(201).extract().path("access_token");
    me(access).then().body("locale", equalTo("en"));
    assertThat(Mailbox.awaitMail(email, "Confirm your MonzieAI e-mail").text())
        .contains("48 hours");
    signUp(ProfileFixtures.uniqueEmail(), ";;;q=bogus").then().statusCode(201);
  }

  @Test
  void resendSendsANewLinkThatEndsTheOlderOneAndIsThrottled() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String first =
        Mailbox.awaitMail(account.email(), "Confirm your MonzieAI e-mail").token("verify");
    resend(account.accessToken()).then().statusCode(204);
    String second =
        Mailbox.awaitMail(account.email(), "Confirm your MonzieAI e-mail", 2).token("verify");
    verify(first).then().statusCode(400);
    for (int i = 1; i < 5; i++) {
      resend(account.accessToken()).then().statusCode(204);
    }
    resend(account.accessToken()).then().statusCode(429).header("Retry-After", notNullValue());
    String last =
        Mailbox.awaitMail(account.email(), "Confirm your MonzieAI e-mail", 6).token("verify");
    verify(second).then().statusCode(400);
    verify(last).then().statusCode(204);
    resend(account.accessToken())
        .then()
        .statusCode(409)
        .body("type", endsWith("email-already-verified"));
    given().post("/v1/auth/email/resend").then().statusCode(401);
  }

  @Test
  void anEmailWithALineBreakIsRefusedAtSignUp() {
    for (String email :
        new String[] {
          "victim@example.com\r\nBcc: everyone@example.com",
          "victim@example.com\r\n",
          "victim@example.com\n",
          "vic\rtim@example.com",
          "\r\nvictim@example.com"
        }) {
      signUp(email, null)
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("field", equalTo("email"));
    }
    PasswordResetTest.forgot("victim@example.com\r\nBcc: x@example.com").then().statusCode(400);
  }

  @Test
  void theLocaleCanBeChangedToTheAppsLanguagesOnly() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    patch(account.accessToken(), Map.of("locale", "tr"))
        .then()
        .statusCode(200)
        .body("locale", equalTo("tr"));
    patch(account.accessToken(), Map.of("locale", "de"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("locale"));
    // a locale cannot be cleared: null keeps it, as for notifications_enabled
    patch(account.accessToken(), java.util.Collections.singletonMap("locale", null))
        .then()
        .statusCode(200)
        .body("locale", equalTo("tr"));
    me(account.accessToken()).then().body("locale", equalTo("tr"));
  }

  static Response signUp(String email, String acceptLanguage) {
    var request =
        given()
            .contentType(ContentType.JSON)
            .header("X-Forwarded-For", ProfileFixtures.uniqueAddress())
            .body(Map.of("email", email, "password", ProfileFixtures.PASSWORD));
    if (acceptLanguage != null) {
      request.header("Accept-Language", acceptLanguage);
    }
    return request.post("/v1/auth/signup");
  }

  static Response me(String access) {
    return given().auth().oauth2(access).get("/v1/profiles/me");
  }

  static Response verify(String code) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", code))
        .post("/v1/auth/email/verify");
  }

  static Response resend(String access) {
    return given().auth().oauth2(access).post("/v1/auth/email/resend");
  }

  static Response patch(String access, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(access)
        .contentType(ContentType.JSON)
        .body(body)
        .patch("/v1/profiles/me");
  }
}
