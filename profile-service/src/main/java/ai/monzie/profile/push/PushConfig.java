package ai.monzie.profile.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Push notifications: devices, the drainer and the two providers. */
@ConfigMapping(prefix = "monzie.push")
public interface PushConfig {

  /** Devices one user may register; one more forgets the least recently registered. */
  @WithDefault("10")
  int maxDevicesPerUser();

  /** Whether this instance sends queued pushes (queueing happens regardless). */
  @WithDefault("true")
  boolean enabled();

  /** Time between two drains of the push queue (and of due Expo receipts). */
  @WithDefault("2s")
  Duration drainInterval();

  /** Pushes taken per drain; Expo takes at most 100 per request, more are split. */
  @WithDefault("100")
  int batchSize();

  /** Attempts before a push is given up (counted in monzie.push.given-up). */
  @WithDefault("8")
  int maxAttempts();

  /** Wait after the first failed attempt; doubled after each further one. */
  @WithDefault("5s")
  Duration retryInitial();

  /** Longest wait between two attempts. */
  @WithDefault("15m")
  Duration retryMax();

  /** How long a drainer holds the pushes it took; a crashed drainer's come back after it. */
  @WithDefault("2m")
  Duration lease();

  /** Time limit of one call to a provider (a slow call is retried like a 5xx). */
  @WithDefault("10s")
  Duration requestTimeout();

  /** How long sent and failed pushes are kept (they make a redelivered event a no-op). */
  @WithDefault("7d")
  Duration keep();

  Expo expo();

  Fcm fcm();

  interface Expo {
    /**
     * The Expo push API base: {@code <url>/send} and {@code <url>/getReceipts}. Locally the stack's
     * push sink.
     */
    @WithDefault("https://exp.host/--/api/v2/push")
    String url();

    /** Expo access token, when the project has "enhanced security for push" on; a secret. */
    Optional<String> accessToken();

    /** Wait before reading a ticket's receipt (Expo: receipts may take up to 30 minutes). */
    @WithDefault("15m")
    Duration receiptDelay();

    /** A receipt still missing after this long is forgotten (Expo keeps them about a day). */
    @WithDefault("24h")
    Duration receiptGiveUp();
  }

  interface Fcm {
    /** FCM HTTP v1 base: {@code <url>/v1/projects/<project>/messages:send}. */
    @WithDefault("https://fcm.googleapis.com")
    String url();

    /**
     * The Firebase service account key (the JSON file the console downloads: client_email,
     * private_key, private_key_id, project_id, token_uri); a secret. Without it FCM devices' pushes
     * stay queued.
     */
    Optional<String> serviceAccountLocation();

    /** The Firebase project; default: the service account's project_id. */
    Optional<String> projectId();

    /** The OAuth2 token endpoint; default: the service account's token_uri. */
    Optional<String> tokenUri();
  }
}
