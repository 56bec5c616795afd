package ai.monzie.profile.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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
}
