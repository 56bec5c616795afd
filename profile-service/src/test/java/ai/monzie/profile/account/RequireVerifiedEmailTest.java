package ai.monzie.profile.account;

import static org.hamcrest.Matchers.endsWith;

import ai.monzie.profile.Mailbox;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With monzie.auth.require-verified-email=true, and a provider without client ids. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
@TestProfile(RequireVerifiedEmailTest.Strict.class)
class RequireVerifiedEmailTest {

  public static class Strict implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // an empty value is no value: Google has no client ids here
      return Map.of(
          "monzie.auth.require-verified-email", "true", "monzie.auth.google.client-ids", "");
    }
  }

  @Test
  void signInWaitsForTheVerifiedEmail() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", endsWith("email-not-verified"));
    ProfileFixtures.signIn(account.email(), "a wrong one 1").then().statusCode(401);
    String code =
        Mailbox.awaitMail(account.email(), "Confirm your MonzieAI e-mail").token("verify");
    EmailVerificationTest.verify(code).then().statusCode(204);
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
  }

  @Test
  void aProviderWithoutClientIdsIsNotEnabled() {
    ProviderSignInTest.google("any.id.token")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", endsWith("provider-not-enabled"));
  }
}
