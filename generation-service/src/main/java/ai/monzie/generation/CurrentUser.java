package ai.monzie.generation;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The user a request acts for: the token's subject, which must be a user id. */
public final class CurrentUser {
  private CurrentUser() {}

  public static UUID id(JsonWebToken jwt) {
    try {
      return UUID.fromString(jwt.getSubject());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ProblemException(
          ProblemType.FORBIDDEN, "This call needs a user's token (its subject is a user id).");
    }
  }
}
