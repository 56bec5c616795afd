package ai.monzie.generation.job;

import ai.monzie.generation.model.ProviderRequest;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A running job submitted to a queued provider and waiting for it without a worker slot: the job,
 * the provider's request, and when it was submitted (its generation time and deadline count from
 * there).
 */
public record Awaiting(Job job, ProviderRequest request, OffsetDateTime submittedAt) {

  /** Seconds from submission to now, the image's generation time. */
  public float seconds() {
    return Duration.between(submittedAt.toInstant(), java.time.Instant.now()).toMillis() / 1000f;
  }
}
