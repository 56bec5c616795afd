package ai.monzie.profile.account;

import static ai.monzie.profile.FakeIdentityProviders.APPLE_KEYS;
import static ai.monzie.profile.FakeIdentityProviders.appleClaims;
import static ai.monzie.profile.FakeIdentityProviders.appleKey;
import static ai.monzie.profile.FakeIdentityProviders.googleClaims;
import static ai.monzie.profile.FakeIdentityProviders.googleKey;
import static ai.monzie.profile.FakeIdentityProviders.sign;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.profile.FakeIdentityProviders;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/** Sign in with Apple and Google against fake providers' JWKS, and every hostile ID token. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class ProviderSignInTest {

  static final String PROBLEM = "application/problem+json";
  static final String NONCE = "a-nonce-the-app-made-7f3c";

  @Test
  void aFirstAppleSignInCreatesAnAccountAndTheNextSignsItIn() {
    JwtClaims claims = appleClaims();
    claims.setClaim("nonce", AccountService.sha256(NONCE));
    String token = sign(claims, appleKey);

    JsonPath created = apple(token, NONCE, "Ayşe").then().statusCode(201).extract().jsonPath();
    String email = (String) claims.getClaimsMap().get("email");
    assertThat(created.getString("user.email")).isEqualTo(email);
    given()
        .auth()
        .oauth2(created.getString("access_token"))
        .get("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("email_verified", equalTo(true))
        .body("display_name", equalTo("Ayşe"));

    JsonPath again =
        apple(sign(claims, appleKey), NONCE, null).then().statusCode(200).extract().jsonPath();
    assertThat(again.getString("user.id")).isEqualTo(created.getString("user.id"));
    ProfileFixtures.refresh(again.getString("refresh_token")).then().statusCode(200);
  }

  @Test
  void aVerifiedGoogleEmailLinksToThePasswordAccountWithIt() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    JwtClaims claims = googleClaims(account.email(), true);
    JsonPath linked = google(sign(claims, googleKey)).then().statusCode(200).extract().jsonPath();
    assertThat(linked.getString("user.id")).isEqualTo(account.id());
    // the password goes on working, and the identity now signs in by itself
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
    claims.setClaim("email", "changed-" + account.email());
    assertThat(
            google(sign(claims, googleKey))
                .then()
                .statusCode(200)
                .extract()
                .<String>path("user.id"))
        .isEqualTo(account.id());
  }

  @Test
  void anUnverifiedGoogleEmailDoesNotTakeOverThePasswordAccount() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    JwtClaims claims = googleClaims(account.email(), false);
    google(sign(claims, googleKey))
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("type", endsWith("provider-email-taken"));
    // still nothing linked: the same identity is refused again, the owner signs in as before
    google(sign(claims, googleKey)).then().statusCode(409);
    ProfileFixtures.signIn(account.email(), ProfileFixtures.PASSWORD).then().statusCode(200);
  }

  @Test
  void anUnverifiedGoogleEmailOfNoAccountGetsANewUnverifiedAccount() {
    String email = ProfileFixtures.uniqueEmail().toLowerCase();
    JsonPath created =
        google(sign(googleClaims(email, false), googleKey))
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    given()
        .auth()
        .oauth2(created.getString("access_token"))
        .get("/v1/profiles/me")
        .then()
        .body("email_verified", equalTo(false))
        .body("display_name", equalTo("Ada Lovelace"));
    // no password: password sign-in fails until one is set through the reset flow
    ProfileFixtures.signIn(email, ProfileFixtures.PASSWORD).then().statusCode(401);
  }

  @Test
  void aTokenForAnotherAppIsRefused() {
    JwtClaims claims = googleClaims(ProfileFixtures.uniqueEmail(), true);
    claims.setAudience("someone-else.apps.googleusercontent.com");
    refused(google(sign(claims, googleKey)));
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    JwtClaims claims = appleClaims();
    claims.setIssuer("https://evil.example.com");
    refused(apple(sign(claims, appleKey), null, null));
    JwtClaims crossed = appleClaims(); // Apple's token at the Google endpoint
    crossed.setAudience(FakeIdentityProviders.GOOGLE_CLIENT);
    refused(google(sign(crossed, appleKey)));
  }

  @Test
  void anExpiredTokenIsRefused() {
    JwtClaims claims = appleClaims();
    claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
    claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
    refused(apple(sign(claims, appleKey), null, null));
  }

  @Test
  void aTokenIssuedInTheFutureIsRefused() {
    JwtClaims claims = appleClaims();
    claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
    claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 1200));
    refused(apple(sign(claims, appleKey), null, null));
  }

  @Test
  void anUnsignedTokenIsRefused() throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(appleClaims().toJson());
    jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
    jws.setKeyIdHeaderValue(appleKey.getKeyId());
    refused(apple(jws.getCompactSerialization(), null, null));
  }

  @Test
  void anHs256TokenKeyedWithThePublishedKeyIsRefused() throws Exception {
    String jwks = given().get(jwksUrl()).asString();
    List<byte[]> secrets =
        List.of(
            appleKey.getRsaPublicKey().getModulus().toByteArray(),
            Base64.getUrlDecoder()
                .decode(
                    (String)
                        appleKey.toParams(RsaJsonWebKey.OutputControlLevel.PUBLIC_ONLY).get("n")),
            jwks.getBytes(StandardCharsets.UTF_8));
    for (byte[] secret : secrets) {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(appleClaims().toJson());
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
      jws.setKeyIdHeaderValue(appleKey.getKeyId());
      jws.setKey(new HmacKey(secret));
      jws.setDoKeyValidation(false);
      refused(apple(jws.getCompactSerialization(), null, null));
    }
  }

  @Test
  void aTokenSignedByAnUnpublishedKeyIsRefused() {
    RsaJsonWebKey stranger = FakeIdentityProviders.newKey("apple-unknown");
    refused(apple(sign(appleClaims(), stranger), null, null));
    RsaJsonWebKey sameKid = FakeIdentityProviders.newKey(appleKey.getKeyId());
    refused(apple(sign(appleClaims(), sameKid), null, null)); // a known kid, the wrong key
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = sign(appleClaims(), appleKey);
    String[] parts = token.split("\\.");
    JwtClaims other = appleClaims();
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(other.toJson().getBytes(StandardCharsets.UTF_8));
    refused(apple(parts[0] + "." + payload + "." + parts[2], null, null));
    refused(apple(token + "x", null, null));
    refused(apple("not.a.jwt", null, null));
  }

  @Test
  void appleNonceMustBeTheSha256OfTheOneSent() {
    JwtClaims claims = appleClaims();
    claims.setClaim("nonce", AccountService.sha256(NONCE));
    refused(apple(sign(claims, appleKey), null, null)); // token has one, none sent
    refused(apple(sign(claims, appleKey), "another-nonce", null)); // wrong one
    refused(apple(sign(claims, appleKey), AccountService.sha256(NONCE), null)); // hash sent as is
    refused(apple(sign(appleClaims(), appleKey), NONCE, null)); // one sent, token has none
    apple(sign(claims, appleKey), NONCE, null).then().statusCode(201);
  }

  @Test
  void aKeyRotatedInIsFetchedWhenATokenNamesIt() {
    int before = FakeIdentityProviders.keyFetches(APPLE_KEYS);
    RsaJsonWebKey rotated = FakeIdentityProviders.newKey("apple-2-" + System.nanoTime());
    FakeIdentityProviders.publish(APPLE_KEYS, List.of(appleKey, rotated));
    // jose4j refetches for an unknown kid at most once per 300 ms (its refresh reprieve, kept in
    // production against a flood of made-up kids): a fetch by the test before may hold it back once
    String token = sign(appleClaims(), rotated);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> apple(token, null, null).statusCode() == 201);
    assertThat(FakeIdentityProviders.keyFetches(APPLE_KEYS)).isGreaterThan(before);
    // the cached set serves the old key without fetching again
    int after = FakeIdentityProviders.keyFetches(APPLE_KEYS);
    apple(sign(appleClaims(), appleKey), null, null).then().statusCode(201);
    assertThat(FakeIdentityProviders.keyFetches(APPLE_KEYS)).isEqualTo(after);
  }

  @Test
  void aMissingOrMalformedBodyIsA400() {
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/auth/signin/apple")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body("{\"id_token\": 5}")
        .post("/v1/auth/signin/google")
        .then()
        .statusCode(400);
  }

  private static String jwksUrl() {
    return org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("monzie.auth.apple.jwks-url", String.class);
  }

  static void refused(Response response) {
    response.then().statusCode(401).contentType(PROBLEM).body("type", endsWith("invalid-id-token"));
  }

  static Response apple(String idToken, String nonce, String displayName) {
    Map<String, Object> body = new HashMap<>();
    body.put("id_token", idToken);
    if (nonce != null) {
      body.put("nonce", nonce);
    }
    if (displayName != null) {
      body.put("display_name", displayName);
    }
    return given().contentType(ContentType.JSON).body(body).post("/v1/auth/signin/apple");
  }

  static Response google(String idToken) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("id_token", idToken))
        .post("/v1/auth/signin/google");
  }
}
