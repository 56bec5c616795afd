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

  /**
   * Where fal calls back when a request is done: the public base URL of this service's webhook
   * ({@code <base>/v1/webhooks/fal}, through the gateway). Unset: no webhook, every job is polled
   * (still without holding a worker slot).
   */
  Optional<String> webhookBaseUrl();

  /** fal's public keys (JWKS, OKP/Ed25519) that sign its webhooks. */
  @WithDefault("https://rest.alpha.fal.ai/.well-known/jwks.json")
  String webhookJwksUrl();

  /** How long fetched webhook keys are used before they are fetched again. */
  @WithDefault("24h")
  Duration webhookJwksRefresh();

  /** A webhook whose timestamp is further than this from our clock is refused (replays). */
  @WithDefault("5m")
  Duration webhookTolerance();

  /**
   * A job with no webhook this long past its expected time (recent durations, as eta uses) is
   * polled, so a lost webhook never leaves a job stuck.
   */
  @WithDefault("30s")
  Duration webhookGrace();

  /** Jobs waiting on fal polled at once by one sweep round of one instance. */
  @WithDefault("200")
  int pollBatch();

  /**
   * Threads that run the HTTP client's callbacks (fal's answers); fixed, so a thousand requests in
   * flight do not become a thousand threads (the JDK client's default executor grows without
   * bound).
   */
  @WithDefault("4")
  int httpThreads();
}
