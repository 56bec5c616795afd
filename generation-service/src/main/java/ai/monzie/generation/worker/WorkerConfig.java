package ai.monzie.generation.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How workers run jobs (same prefix as the request side's and the models' settings). */
@ConfigMapping(prefix = "monzie.generation")
public interface WorkerConfig {

  /** How often idle workers look for jobs (NOTIFY wakes them sooner). */
  Duration pollInterval();

  /** How long a claimed job belongs to its worker without renewal. */
  Duration lease();

  /** Time limit of one attempt, model call included. */
  Duration jobTimeout();

  /** Attempts per job, the first included, for retryable provider errors. */
  int maxAttempts();

  /** Wait before the second attempt; doubles with each further attempt. */
  Duration retryBackoff();

  /** Whether this instance runs workers (an API-only replica sets false). */
  @WithDefault("true")
  boolean workerEnabled();
}
