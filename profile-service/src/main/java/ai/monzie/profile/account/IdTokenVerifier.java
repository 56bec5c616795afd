package ai.monzie.profile.account;

import java.time.Duration;
import java.util.List;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies one provider's ID tokens with jose4j (shipped with smallrye-jwt): the signature against
 * the provider's JWKS (fetched over HTTP, cached as its Cache-Control says or an hour, fetched
 * again when a token names a key id it does not know), RS256 only (so neither {@code alg: none} nor
 * an HS256 token keyed with a public modulus passes), the issuer, an audience among the client ids,
 * and exp/iat within a small skew.
 */
final class IdTokenVerifier {

  static final int CLOCK_SKEW_SECONDS = 60;

  private final JwtConsumer consumer;

  IdTokenVerifier(String jwksUrl, List<String> issuers, List<String> clientIds) {
    HttpsJwks jwks = new HttpsJwks(jwksUrl);
    Get get = new Get();
    get.setConnectTimeout((int) Duration.ofSeconds(5).toMillis());
    get.setReadTimeout((int) Duration.ofSeconds(5).toMillis());
    jwks.setSimpleHttpGet(get);
    this.consumer =
        new JwtConsumerBuilder()
            .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
            .setJwsAlgorithmConstraints(
                AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
            .setExpectedIssuers(true, issuers.toArray(String[]::new))
            .setExpectedAudience(true, clientIds.toArray(String[]::new))
            .setRequireSubject()
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, (int) Duration.ofDays(1).toSeconds())
            .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
            .build();
  }

  /** The token's claims, or InvalidJwtException. Blocking: the JWKS may be fetched over HTTP. */
  JwtClaims verify(String idToken) throws InvalidJwtException {
    return consumer.processToClaims(idToken);
  }
}
