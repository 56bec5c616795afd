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

  public static final ProblemType EMAIL_NOT_VERIFIED =
      new ProblemType("email-not-verified", "Email not verified", 403);
  public static final ProblemType INVALID_ACCOUNT_CODE =
      new ProblemType("invalid-code", "Invalid or expired code", 400);
  public static final ProblemType TOO_MANY_MAILS =
      new ProblemType("too-many-mails", "Too many mails asked for", 429);
  public static final ProblemType EMAIL_ALREADY_VERIFIED =
      new ProblemType("email-already-verified", "Email already verified", 409);
  public static final ProblemType PROVIDER_NOT_ENABLED =
      new ProblemType("provider-not-enabled", "Provider not enabled", 404);
  public static final ProblemType INVALID_ID_TOKEN =
      new ProblemType("invalid-id-token", "Invalid ID token", 401);
  public static final ProblemType PROVIDER_EMAIL_TAKEN =
      new ProblemType("provider-email-taken", "Email registered with a password", 409);

  public static ProblemException emailNotVerified() {
    return new ProblemException(
        EMAIL_NOT_VERIFIED,
        "Confirm your email first: open the link we mailed you (POST /v1/auth/email/resend sends"
            + " it again).");
  }

  /** One answer for a code that is unknown, used, superseded, expired or someone else's. */
  public static ProblemException invalidCode() {
    return new ProblemException(
        INVALID_ACCOUNT_CODE,
        "This code is not valid (any more); ask for a new mail.",
        Map.of("field", "token"));
  }

  public static ProblemException tooManyMails(long retryAfterSeconds) {
    return new ProblemException(
        TOO_MANY_MAILS,
        "Too many mails asked for; try again in " + retryAfterSeconds + " seconds.",
        Map.of("retry_after", retryAfterSeconds));
  }

  public static ProblemException emailAlreadyVerified() {
    return new ProblemException(EMAIL_ALREADY_VERIFIED, "Your email is verified already.");
  }

  public static ProblemException providerNotEnabled(String provider) {
    return new ProblemException(
        PROVIDER_NOT_ENABLED, "Sign in with " + provider + " is not enabled on this server.");
  }

  /** One answer for every refused ID token (the reason is logged, not told). */
  public static ProblemException invalidIdToken() {
    return new ProblemException(
        INVALID_ID_TOKEN, "The ID token is not valid for this app; sign in again.");
  }

  public static ProblemException providerEmailTaken() {
    return new ProblemException(
        PROVIDER_EMAIL_TAKEN,
        "An account with this email exists and the provider does not vouch for the email; sign in"
            + " with the password.",
        Map.of("field", "id_token"));
  }

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
