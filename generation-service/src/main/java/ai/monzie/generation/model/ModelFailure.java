package ai.monzie.generation.model;

import java.time.Duration;

/**
 * A model call that did not produce an image, with a reason a person can read. Retryable failures
 * (rate limits, provider errors, network) are tried again with backoff; the others fail the job.
 */
public class ModelFailure extends RuntimeException {

  /** Why, as a metric tag and for operators. */
  public enum Reason {
    CONFIGURATION,
    BAD_REQUEST,
    RATE_LIMITED,
    PROVIDER_ERROR,
    UNREACHABLE,
    NSFW,
    TIMEOUT,
    INPUT_MISSING
  }

  private final Reason reason;
  private final boolean retryable;
  private final Duration retryAfter;

  public ModelFailure(Reason reason, boolean retryable, String message) {
    this(reason, retryable, message, null);
  }

  public ModelFailure(Reason reason, boolean retryable, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  public Reason reason() {
    return reason;
  }

  public boolean retryable() {
    return retryable;
  }

  /** The provider's own hint (HTTP Retry-After), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
