package ai.monzie.platform.auth;

import ai.monzie.platform.http.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs on every request that carries a verified access token, in every service: the signature,
 * issuer, audience and expiry were checked by SmallRye JWT; this refuses (401 problem, through the
 * platform's mappers) a token whose subject is not a user id (every route then answers 401 for it,
 * including routes that never read the subject; the seed answered 500 wherever it was parsed), one
 * issued in the future beyond the clock skew, one that lives longer than the issuer ever grants,
 * one of a deleted user and one of a revoked session.
 */
@ApplicationScoped
public class TokenCheck implements SecurityIdentityAugmentor {

  private final Revocations revocations;
  private final TokenPolicy policy;

  TokenCheck(Revocations revocations, TokenPolicy policy) {
    this.revocations = revocations;
    this.policy = policy;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    if (Caller.parseSubject(token.getSubject()) == null) {
      return refuse("subject is not a user id");
    }
    long issuedAt = token.getIssuedAtTime();
    long now = Instant.now().getEpochSecond();
    if (issuedAt <= 0 || issuedAt > now + policy.clockSkew().toSeconds()) {
      return refuse("issued in the future");
    }
    if (token.getExpirationTime() - issuedAt > policy.maxLifetime().toSeconds()) {
      return refuse("lifetime longer than the issuer grants");
    }
    String session = token.getClaim("sid") == null ? null : token.getClaim("sid").toString();
    return revocations
        .isRevoked(token.getSubject(), session)
        .flatMap(revoked -> revoked ? refuse("revoked") : Uni.createFrom().item(identity));
  }

  private static Uni<SecurityIdentity> refuse(String why) {
    // the reason stays in the exception (not in the answer): one 401 for every refused token
    return Uni.createFrom().failure(new AuthenticationFailedException("token " + why));
  }
}
