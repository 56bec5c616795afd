package ai.monzie.profile.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Signs access tokens: RS256, claims of DESIGN.md §4 plus {@code sid} (the refresh family). */
@ApplicationScoped
public class TokenIssuer {

  public static final String AUTHENTICATED = "authenticated";

  private final SigningKey key;
  private final JwtConfig config;

  TokenIssuer(SigningKey key, JwtConfig config) {
    this.key = key;
    this.config = config;
  }

  public String accessToken(UUID userId, String email, UUID sessionId) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(config.issuer());
    claims.setAudience(config.audience());
    claims.setSubject(userId.toString());
    claims.setIssuedAtToNow();
    claims.setExpirationTimeMinutesInTheFuture(config.accessTokenTtl().toSeconds() / 60f);
    claims.setGeneratedJwtId();
    claims.setClaim("email", email);
    claims.setClaim("role", AUTHENTICATED);
    claims.setClaim("groups", List.of(AUTHENTICATED));
    claims.setClaim("sid", sessionId.toString());
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.privateKey());
    jws.setKeyIdHeaderValue(key.keyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  public long accessTokenSeconds() {
    return config.accessTokenTtl().toSeconds();
  }
}
