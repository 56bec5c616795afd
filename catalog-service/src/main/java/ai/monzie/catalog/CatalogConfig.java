package ai.monzie.catalog;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "monzie.catalog")
public interface CatalogConfig {
  /** Upper bound of {@code limit} on scene pages. */
  int maxPageSize();

  int defaultPageSize();

  /** {@code Cache-Control: max-age} of public reads (ETags make revalidation cheap). */
  Duration cacheMaxAge();

  ReadCacheConfig readCache();

  interface ReadCacheConfig {
    /** How long a rendered read may be served from memory at most. */
    Duration ttl();

    long maxEntries();
  }
}
