package ai.monzie.platform.http;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who a request acts for: the access token's subject, which is always a user id, and the two roles
 * a token can carry. The one parser of the subject: a token whose subject is not a UUID is refused
 * as 401 here and already at authentication (platform {@code auth.TokenCheck}), never a 500 later.
 */
public final class Caller {
  private Caller() {}

  /** The role of an app user's token. */
  public static final String USER = "authenticated";

  /** The role of an operator's or another backend's token. */
  public static final String SERVICE = "service_role";

  /** The user id of the verified token; 401 problem if its subject is not one. */
  public static UUID id(JsonWebToken jwt) {
    UUID id = jwt == null ? null : parseSubject(jwt.getSubject());
    if (id == null) {
      throw new ProblemException(
          ProblemType.UNAUTHORIZED, "The token's subject is not a user id; sign in again.");
    }
    return id;
  }

  /** The subject as a user id, or null when it is missing or not a canonical UUID. */
  public static UUID parseSubject(String subject) {
    return Ids.parseOrNull(subject);
  }
}
