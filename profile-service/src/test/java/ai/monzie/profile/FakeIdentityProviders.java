package ai.monzie.profile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Apple's and Google's key endpoints, faked over HTTP in their real wire format (a JWKS), with keys
 * this test run makes; {@link #appleToken()} / {@link #googleToken()} sign ID tokens with them.
 */
@QuarkusTestResource(value = FakeIdentityProviders.class, restrictToAnnotatedClass = false)
public class FakeIdentityProviders implements QuarkusTestResourceLifecycleManager {

  public static final String APPLE_CLIENT = "ai.monzie.app";
  public static final String GOOGLE_CLIENT = "123-monzie.apps.googleusercontent.com";
  public static final String APPLE_ISSUER = "https://appleid.apple.com";
  public static final String GOOGLE_ISSUER = "https://accounts.google.com";
  public static final String APPLE_KEYS = "/auth/keys";
  public static final String GOOGLE_KEYS = "/oauth2/v3/certs";

  static WireMockServer server;
  public static RsaJsonWebKey appleKey;
  public static RsaJsonWebKey googleKey;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    appleKey = newKey("apple-1");
    googleKey = newKey("google-1");
    publish(APPLE_KEYS, List.of(appleKey));
    publish(GOOGLE_KEYS, List.of(googleKey));
    String base = "http://127.0.0.1:" + server.port();
    return Map.of(
        "monzie.auth.apple.jwks-url", base + APPLE_KEYS,
        "monzie.auth.apple.client-ids", APPLE_CLIENT + ",ai.monzie.web",
        "monzie.auth.google.jwks-url", base + GOOGLE_KEYS,
        "monzie.auth.google.client-ids", GOOGLE_CLIENT);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  public static RsaJsonWebKey newKey(String kid) {
    try {
      RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
      key.setKeyId(kid);
      key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
      key.setUse("sig");
      return key;
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Serves these public keys at the path (what a provider's key rotation looks like). */
  public static void publish(String path, List<RsaJsonWebKey> keys) {
    String jwks =
        new JsonWebKeySet(keys).toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    server.stubFor(
        get(urlEqualTo(path))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Cache-Control", "public, max-age=3600")
                    .withBody(jwks)));
  }

  public static int keyFetches(String path) {
    return server.countRequestsMatching(getRequestedFor(urlEqualTo(path)).build()).getCount();
  }

  /** Claims as Apple sends them: a fresh subject, a private-relay email, verified ("true"). */
  public static JwtClaims appleClaims() {
    JwtClaims claims = base(APPLE_ISSUER, APPLE_CLIENT);
    claims.setClaim(
        "email", UUID.randomUUID().toString().substring(0, 10) + "@privaterelay.appleid.com");
    claims.setClaim("email_verified", "true");
    claims.setClaim("is_private_email", "true");
    return claims;
  }

  public static JwtClaims googleClaims(String email, boolean verified) {
    JwtClaims claims = base(GOOGLE_ISSUER, GOOGLE_CLIENT);
    claims.setClaim("email", email);
    claims.setClaim("email_verified", verified);
    claims.setClaim("name", "Ada Lovelace");
    return claims;
  }

  private static JwtClaims base(String issuer, String audience) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setAudience(audience);
    claims.setSubject(String.valueOf(Math.abs(new java.util.Random().nextLong())));
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(10);
    return claims;
  }

  public static String sign(JwtClaims claims, RsaJsonWebKey key) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivateKey());
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
