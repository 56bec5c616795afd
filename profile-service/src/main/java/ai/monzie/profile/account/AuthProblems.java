package ai.monzie.profile.account;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.Map;

/** The account problems a client can meet; one generic 401 so emails cannot be enumerated. */
public final class AuthProblems {
  private AuthProblems() {}

  public static final ProblemType INVALID_CREDENTIALS =
      new ProblemType("invalid-credentials", "Invalid credentials", 401);
  public static final ProblemType INVALID_REFRESH_TOKEN =
      new ProblemType("invalid-refresh-token", "Invalid refresh token", 401);
  public static final ProblemType EMAIL_TAKEN =
      new ProblemType("email-taken", "Email already registered", 409);
  public static final ProblemType TOO_MANY_ATTEMPTS =
      new ProblemType("too-many-attempts", "Too many failed sign-ins", 429);

  public static final ProblemType TOO_MANY_SIGNUPS =
      new ProblemType("too-many-signups", "Too many sign-ups", 429);

  public static ProblemException invalidCredentials() {
    return new ProblemException(INVALID_CREDENTIALS, "The email or password is wrong.");
  }

  public static ProblemException invalidRefreshToken() {
    return new ProblemException(
        INVALID_REFRESH_TOKEN, "This refresh token is not valid any more; sign in again.");
  }

  public static ProblemException emailTaken() {
    return new ProblemException(
        EMAIL_TAKEN,
        "An account with this email exists; sign in instead.",
        Map.of("field", "email"));
  }

  public static ProblemException tooManyAttempts(long retryAfterSeconds) {
    return new ProblemException(
        TOO_MANY_ATTEMPTS,
        "Too many failed sign-ins; try again in " + retryAfterSeconds + " seconds.",
        Map.of("retry_after", retryAfterSeconds));
  }

  public static ProblemException tooManySignups(long retryAfterSeconds) {
    return new ProblemException(
        TOO_MANY_SIGNUPS,
        "Too many sign-ups from here; try again in " + retryAfterSeconds + " seconds.",
        Map.of("retry_after", retryAfterSeconds));
  }
}
