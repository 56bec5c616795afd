package ai.monzie.profile.push;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Google's OAuth2 for a service account (the JWT-bearer grant, RFC 7523): a JWT signed RS256 with
 * the account's private key is exchanged at its token URI for an access token to FCM, which is kept
 * until shortly before it expires (an hour).
 */
@ApplicationScoped
class FcmCredentials {

  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  private static final long REFRESH_BEFORE_EXPIRY_SECONDS = 120;

  /** The fields of the service account key file that are used. */
  record ServiceAccount(
      String clientEmail,
      PrivateKey privateKey,
      String privateKeyId,
      String projectId,
      String tokenUri) {}

  private record AccessToken(String value, Instant expiresAt) {}

  private final Optional<ServiceAccount> account;
  private final WebClient http;
  private final PushConfig config;
  private volatile AccessToken cached;

  FcmCredentials(PushConfig config, PushHttp http) {
    this.config = config;
    this.http = http.client();
    this.account =
        config.fcm().serviceAccountLocation().filter(s -> !s.isBlank()).map(FcmCredentials::load);
  }

  boolean configured() {
    return account.isPresent();
  }

  String projectId() {
    return config
        .fcm()
        .projectId()
        .filter(s -> !s.isBlank())
        .orElse(account.orElseThrow().projectId());
  }

  /** A valid access token: the cached one, or a new one from the token URI. */
  Uni<String> accessToken() {
    AccessToken token = cached;
    if (token != null && Instant.now().isBefore(token.expiresAt())) {
      return Uni.createFrom().item(token.value());
    }
    ServiceAccount sa = account.orElseThrow();
    String tokenUri = config.fcm().tokenUri().filter(s -> !s.isBlank()).orElse(sa.tokenUri());
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
            .add("assertion", assertion(sa, tokenUri));
    return http.postAbs(tokenUri)
        .timeout(config.requestTimeout().toMillis())
        .sendForm(form)
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException(
                    "FCM OAuth2 token endpoint answered HTTP " + response.statusCode());
              }
              JsonObject body = response.bodyAsJsonObject();
              long lifetime = body.getLong("expires_in", 3600L);
              AccessToken fresh =
                  new AccessToken(
                      body.getString("access_token"),
                      Instant.now()
                          .plusSeconds(Math.max(0, lifetime - REFRESH_BEFORE_EXPIRY_SECONDS)));
              cached = fresh;
              return fresh.value();
            });
  }

  /** FCM refused the token (401): the next call fetches a new one. */
  void forget() {
    cached = null;
  }

  private static String assertion(ServiceAccount sa, String tokenUri) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(sa.clientEmail());
    claims.setAudience(tokenUri);
    claims.setClaim("scope", SCOPE);
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(60);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(sa.privateKey());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    if (sa.privateKeyId() != null) {
      jws.setKeyIdHeaderValue(sa.privateKeyId());
    }
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign the FCM OAuth2 assertion", e);
    }
  }

  static ServiceAccount load(String location) {
    try {
      JsonObject json = new JsonObject(Files.readString(Path.of(location)));
      String pem = json.getString("private_key");
      String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      return new ServiceAccount(
          json.getString("client_email"),
          key,
          json.getString("private_key_id"),
          json.getString("project_id"),
          json.getString("token_uri", "https://oauth2.googleapis.com/token"));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // the message names the file, never its content
      throw new IllegalStateException(
          "monzie.push.fcm.service-account-location: not a readable service account key file ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
  }
}
