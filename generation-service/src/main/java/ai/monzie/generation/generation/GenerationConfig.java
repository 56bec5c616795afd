package ai.monzie.generation.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "monzie.generation")
public interface GenerationConfig {

  /** The image model that serves new generations: {@code local} or {@code fal}. */
  String provider();

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

  /** Jobs running at once per provider, over all instances (the provider's concurrency limit). */
  Map<String, Integer> concurrency();

  String defaultImageSize();

  String defaultAspectRatio();

  /** The fixed prompt of enhancements (the real app's "upscale"). */
  String enhancePrompt();

  /** Whether this instance runs workers (an API-only replica sets false). */
  @WithDefault("true")
  boolean workerEnabled();
}
