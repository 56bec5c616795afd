package ai.monzie.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "monzie.outbox")
public interface OutboxConfig {

  /** The {@code ce_source} of this service's events, e.g. {@code /monzie/catalog}. */
  String source();

  /** Rows published per round trip. */
  @WithDefault("500")
  int batchSize();

  /** How long a relay may wait for the broker before the batch is tried again. */
  @WithDefault("10s")
  Duration publishTimeout();

  /** How long the relay waits before looking again when the outbox was empty. */
  @WithDefault("50ms")
  Duration pollInterval();

  /** How long the relay waits after a failed round (broker or database down). */
  @WithDefault("1s")
  Duration retryBackoff();

  /** Whether this instance relays (every instance may; an advisory lock lets one at a time). */
  @WithDefault("true")
  boolean relayEnabled();
}
