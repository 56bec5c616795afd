package ai.monzie.platform.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What every service demands of an access token beyond its signature, and how revocations flow. */
@ConfigMapping(prefix = "monzie.tokens")
public interface TokenPolicy {

  /** How far a token's {@code iat} may lie in the future (clocks of issuer and service differ). */
  @WithDefault("60s")
  Duration clockSkew();

  /**
   * The longest lifetime ({@code exp - iat}) the issuer grants: user tokens live 15 minutes,
   * operator tokens (deploy/monzie token) up to this. Also how long a revocation is kept.
   */
  @WithDefault("24h")
  Duration maxLifetime();

  /** How often each instance reloads the revocations other instances' consumers stored. */
  @WithDefault("1s")
  Duration revocationRefresh();

  /**
   * Check each request against the revocations table itself instead of the in-memory copy: for the
   * service that writes the revocation (profile), so it refuses on every instance at once.
   */
  @WithDefault("false")
  boolean revocationsFromDatabase();
}
