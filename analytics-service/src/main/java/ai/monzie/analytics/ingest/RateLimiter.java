package ai.monzie.analytics.ingest;

import ai.monzie.analytics.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (user id, else address), in this instance's memory: with N replicas a
 * client gets at most N times the rate, which is enough to stop one device flooding the table
 * without a shared store on the ingestion hot path.
 */
@ApplicationScoped
public class RateLimiter {

  private static final int MAX_CLIENTS = 100_000;

  private final ConcurrentHashMap<String, double[]> buckets = new ConcurrentHashMap<>();
  private final double capacity;
  private final double perNano;

  RateLimiter(AnalyticsConfig config) {
    this.capacity = config.rateLimit().capacity();
    this.perNano = config.rateLimit().perSecond() / 1e9;
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  public long acquire(String client) {
    if (buckets.size() > MAX_CLIENTS) {
      buckets
          .clear(); // bounded memory; forgetting buckets only makes the limit looser for a moment
    }
    long now = System.nanoTime();
    double[] bucket = buckets.computeIfAbsent(client, k -> new double[] {capacity, now});
    synchronized (bucket) {
      double tokens = Math.min(capacity, bucket[0] + (now - bucket[1]) * perNano);
      bucket[1] = now;
      if (tokens >= 1) {
        bucket[0] = tokens - 1;
        return 0;
      }
      bucket[0] = tokens;
      return (long) Math.ceil((1 - tokens) / (perNano * 1e9));
    }
  }
}
