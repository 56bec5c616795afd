package ai.monzie.profile.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The data export ({@code monzie.export.*}, issue 14). */
@ConfigMapping(prefix = "monzie.export")
public interface ExportConfig {

  /** Exports a user may request in any 24 hours (failed and expired ones count too). */
  @WithDefault("3")
  int dailyLimit();

  /** A part not in this long after the request fails the export (never a half archive). */
  @WithDefault("15m")
  Duration partTimeout();

  /** The archive (and the parts) are deleted this long after it is ready; the row says expired. */
  @WithDefault("7d")
  Duration retention();

  /** How long a download link from a status read is valid (never past the export's expiry). */
  @WithDefault("24h")
  Duration linkTtl();

  /** How often timeouts, expiries and exports whose parts are all in are looked at. */
  @WithDefault("1m")
  Duration sweepInterval();

  /**
   * HMAC key of download links (32+ characters, from a secret). Without it a key is generated per
   * process: links then fail on another instance or after a restart (development only).
   */
  Optional<String> signingKey();
}
