package ai.monzie.generation.job;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** The order of the line of queued jobs, and what its estimates are based on. */
@ConfigMapping(prefix = "monzie.generation")
public interface QueueConfig {

  /**
   * How long a free user's job waits at most behind paying users' jobs queued after it: a paying
   * job is claimed as if it had been queued this much earlier.
   */
  Duration maxPriorityWait();

  /** How many of a provider's latest successes its {@code eta_seconds} is estimated from. */
  int etaRecentJobs();
}
