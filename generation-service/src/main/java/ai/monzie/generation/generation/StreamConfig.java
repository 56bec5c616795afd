package ai.monzie.generation.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "monzie.sse")
public interface StreamConfig {
  /** Interval of the heartbeat comments that keep proxies from closing an idle stream. */
  @WithDefault("15s")
  Duration heartbeat();

  /**
   * Status streams one user may hold open on one instance; the stream beyond it closes the user's
   * oldest (whose EventSource reconnects), so one user cannot hold hundreds.
   */
  @WithDefault("5")
  int maxStreamsPerUser();

  /**
   * How often a stream re-reads the places in line of its user's queued jobs; an event goes out
   * only when a place changed.
   */
  @WithDefault("1s")
  Duration queueRefresh();
}
