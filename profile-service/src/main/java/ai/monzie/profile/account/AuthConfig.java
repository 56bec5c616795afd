package ai.monzie.profile.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "monzie.auth")
public interface AuthConfig {
  int passwordMinLength();

  int bcryptCost();

  /**
   * Wrong passwords for one email from one client address per window: the strict limit, which an
   * attacker meets without locking the owner (at another address) out.
   */
  @WithDefault("5")
  int maxFailuresPerEmailAndClient();

  /** Wrong passwords for one email from all addresses per window: slows distributed guessing. */
  @WithDefault("50")
  int maxFailuresPerEmail();

  /** Wrong passwords from one client address, whatever the email (spraying one password). */
  @WithDefault("20")
  int maxFailuresPerClient();

  @WithDefault("15m")
  Duration failureWindow();

  /** A sign-in room shuts twice as long at each lockout in a row, up to this. */
  @WithDefault("24h")
  Duration maxLockout();

  /** Sign-ups from one client address per sign-up window (accounts carry a free daily quota). */
  @WithDefault("30")
  int maxSignupsPerClient();

  /** Sign-up attempts naming one email per window (a 409 tells whether it is taken). */
  @WithDefault("10")
  int maxSignupsPerEmail();

  @WithDefault("1h")
  Duration signupWindow();

  /** How long a mailed password reset code works (once). */
  @WithDefault("30m")
  Duration resetTokenTtl();

  /** How long a mailed e-mail verification link works. */
  @WithDefault("48h")
  Duration verificationTokenTtl();

  /** Reset requests naming one email per reset window (each sends a mail to its owner). */
  @WithDefault("5")
  int maxResetsPerEmail();

  /** Reset requests from one client address per reset window, whatever the email. */
  @WithDefault("20")
  int maxResetsPerClient();

  @WithDefault("1h")
  Duration resetWindow();

  /**
   * Every answer to "forgot password" takes at least this long, known email or not: the mail is
   * queued for one and not the other, and the response time must not tell which.
   */
  @WithDefault("400ms")
  Duration forgotMinDuration();

  /** Verification mails one user may ask for again per reset window. */
  @WithDefault("5")
  int maxVerificationMailsPerUser();

  /** When true, password sign-in is refused (403) until the account's email is verified. */
  @WithDefault("false")
  boolean requireVerifiedEmail();

  /** Sign in with Apple. */
  IdentityProvider apple();

  /** Sign in with Google. */
  IdentityProvider google();

  /** An OpenID provider whose ID tokens sign users in. */
  interface IdentityProvider {
    /** Its JSON Web Key Set, fetched, cached and fetched again for an unknown key id. */
    String jwksUrl();

    /** The {@code iss} values its ID tokens carry (Google uses two spellings). */
    List<String> issuer();

    /**
     * The {@code aud} values accepted: the app's client ids (Apple: the bundle or services id).
     * None: the provider is not enabled and its endpoint answers 404.
     */
    Optional<List<String>> clientIds();
  }
}
