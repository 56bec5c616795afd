package ai.monzie.generation.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "monzie.fal")
public interface FalConfig {
  /** The queue API, {@code https://queue.fal.run}. */
  String baseUrl();

  /** The API key ({@code Authorization: Key <key>}); a secret from the environment. */
  Optional<String> key();

  /** Text to image, when the user gave no photo. */
  String textToImageModel();

  /** Photo editing, when the user gave a photo, and for enhancements. */
  String photoModel();

  /** flux-pro's safety_tolerance, "1" (strict) to "6". */
  String safetyTolerance();

  /** Time between two status polls. */
  Duration pollInterval();

  /** Time limit of one HTTP call (a slow call is retried like a 5xx). */
  Duration requestTimeout();

  /**
   * Largest image accepted from the provider, in pixels, checked from its header before decoding
   * (the provider's answer is not ours either: a few KB can declare gigabytes of pixels).
   */
  @WithDefault("40000000")
  long maxPixels();
}
