package ai.monzie.platform.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses, at authentication, a correctly signed token whose subject is not a user id: every route
 * of every service then answers 401 for it (the seed answered 500 wherever the subject was parsed),
 * including routes that never read the subject.
 */
@ApplicationScoped
public class SubjectIsUserId implements SecurityIdentityAugmentor {

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.getPrincipal() instanceof JsonWebToken jwt
        && Caller.parseSubject(jwt.getSubject()) == null) {
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("token subject is not a user id"));
    }
    return Uni.createFrom().item(identity);
  }
}
