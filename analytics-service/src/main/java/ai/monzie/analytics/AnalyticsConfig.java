package ai.monzie.analytics;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "monzie.analytics")
public interface AnalyticsConfig {
  int maxBatchSize();

  int maxEventNameLength();

  int maxPropertiesBytes();

  /** How far in the future an occurred_at may be (clock skew of devices). */
  Duration maxFutureSkew();

  /** Monthly partitions kept ready beyond the current month. */
  int partitionsAhead();

  /** Months of events kept; older partitions are dropped. */
  int retentionMonths();

  Duration maintenanceInterval();

  RateLimit rateLimit();

  interface RateLimit {
    int capacity();

    double perSecond();
  }
}
