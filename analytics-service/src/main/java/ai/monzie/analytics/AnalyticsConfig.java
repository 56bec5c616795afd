package ai.monzie.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "monzie.analytics")
public interface AnalyticsConfig {
  /** Events per {@code POST /v1/events} batch; a larger batch is 413 and stores nothing. */
  @WithDefault("500")
  int maxBatchSize();

  /** Characters of an {@code event_name} (letters, digits and {@code _ . : -}). */
  @WithDefault("100")
  int maxEventNameLength();

  /** UTF-8 bytes of an event's {@code event_properties} as stored JSON. */
  @WithDefault("8192")
  int maxPropertiesBytes();

  /** Characters of an event's {@code device_info} as stored JSON. */
  @WithDefault("4096")
  int maxDeviceInfoLength();

  /** Characters of an event's {@code app_version}. */
  @WithDefault("32")
  int maxAppVersionLength();

  /** Characters of an event's {@code session_id}. */
  @WithDefault("128")
  int maxSessionIdLength();

  /** How far in the future an occurred_at may be (clock skew of devices). */
  @WithDefault("5m")
  Duration maxFutureSkew();

  /** Monthly partitions kept ready beyond the current month. */
  @WithDefault("3")
  int partitionsAhead();

  /** Months of events kept; older partitions are dropped. */
  @WithDefault("13")
  int retentionMonths();

  /** How often partitions are created ahead and expired ones dropped. */
  @WithDefault("6h")
  Duration maintenanceInterval();

  RateLimit rateLimit();

  /** Ingestion token bucket per client. */
  interface RateLimit {
    /** Batches a client may send in a burst. */
    @WithDefault("30")
    int capacity();

    /** Batches per second the bucket refills. */
    @WithDefault("10")
    double perSecond();
  }
}
