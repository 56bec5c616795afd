package ai.monzie.generation.credits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "monzie.credits")
public interface CreditsConfig {
  /** Rows of GET /v1/usage/ledger when the client names no limit. */
  @WithDefault("20")
  int ledgerPageSize();

  /** The most rows of GET /v1/usage/ledger a client may ask for. */
  @WithDefault("100")
  int ledgerMaxPageSize();
}
