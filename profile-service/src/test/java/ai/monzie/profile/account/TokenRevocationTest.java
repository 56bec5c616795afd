package ai.monzie.profile.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.platform.events.Topics;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tokens refused beyond their signature: finding 13 of issue 16 (and #6 for deleted users). */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class TokenRevocationTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void logoutRefusesTheSessionsAccessTokenAtOnceAndPublishesSessionRevoked() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String other =
        ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD)
            .then()
            .statusCode(200)
            .extract()
            .path("access_token");
    me(account.accessToken()).then().statusCode(200);
    String sid = sidOf(account.accessToken());

    given().auth().oauth2(account.accessToken()).post("/v1/auth/logout").then().statusCode(204);

    me(account.accessToken()).then().statusCode(401).contentType(PROBLEM);
    me(other).then().statusCode(200); // another session of the same user goes on
    var events =
        KafkaProbe.readUntil(
            Topics.SESSION_REVOKED,
            Duration.ofSeconds(30),
            read -> read.stream().anyMatch(e -> e.value().contains(sid)));
    var mine = events.stream().filter(e -> e.value().contains(sid)).toList();
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).key()).isEqualTo(account.id());
    assertThat(mine.get(0).value().replace(" ", "")).contains("\"reason\":\"logout\"");
    assertThat(ContractSchemas.validate(Topics.SESSION_REVOKED, mine.get(0).value())).isEmpty();
  }

  @Test
  void refreshTokenReuseEndsTheSessionsAccessTokensToo() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    ProfileFixtures.refresh(account.refreshToken()).then().statusCode(200);
    ProfileFixtures.refresh(account.refreshToken())
        .then()
        .statusCode(401); // presented twice: stolen
    me(account.accessToken()).then().statusCode(401).contentType(PROBLEM);
    String sid = sidOf(account.accessToken());
    KafkaProbe.readUntil(
        Topics.SESSION_REVOKED,
        Duration.ofSeconds(30),
        read ->
            read.stream()
                .anyMatch(
                    e ->
                        e.value().contains(sid)
                            && e.value()
                                .replace(" ", "")
                                .contains("\"reason\":\"refresh-token-reuse\"")));
  }

  @Test
  void aTokenIssuedInTheFutureIsRefused() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    String future =
        TestInfra.get()
            .keys()
            .mint(
                "authenticated",
                account.id(),
                null,
                tomorrow,
                tomorrow.plus(Duration.ofMinutes(15)),
                Map.of());
    me(future).then().statusCode(401).contentType(PROBLEM);
    // within the clock skew it is accepted
    Instant soon = Instant.now().plusSeconds(20);
    me(TestInfra.get()
            .keys()
            .mint("authenticated", account.id(), null, soon, soon.plusSeconds(900), Map.of()))
        .then()
        .statusCode(200);
  }

  @Test
  void aTokenLivingLongerThanTheIssuerGrantsIsRefused() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    Instant now = Instant.now();
    String tenYears =
        TestInfra.get()
            .keys()
            .mint(
                "authenticated",
                account.id(),
                null,
                now,
                now.plus(Duration.ofDays(3650)),
                Map.of());
    me(tenYears).then().statusCode(401).contentType(PROBLEM);
  }

  @Test
  void aRevokedSessionIdIsRefusedWhateverTheSubject() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    String sid = sidOf(account.accessToken());
    given().auth().oauth2(account.accessToken()).post("/v1/auth/logout").then().statusCode(204);
    // a token minted for that session (as a stolen copy would be) is refused as well
    me(TestInfra.sessionToken(account.id(), sid)).then().statusCode(401);
    me(TestInfra.sessionToken(account.id(), UUID.randomUUID().toString())).then().statusCode(200);
  }

  private static io.restassured.response.Response me(String token) {
    return given().auth().oauth2(token).get("/v1/profiles/me");
  }

  static String sidOf(String token) {
    String payload =
        new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))
            .replaceAll("\\s", "");
    int at = payload.indexOf("\"sid\":\"") + 7;
    return payload.substring(at, payload.indexOf('"', at));
  }
}
