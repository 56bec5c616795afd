package ai.monzie.catalog.http;

import ai.monzie.catalog.CatalogConfig;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Rendered public reads, kept briefly. The catalog is small and read-mostly: a read served from
 * memory costs no database round trip. Entries are dropped on every catalog write and usage update
 * in this instance and on every {@code scene.changed} from any instance; the time to live bounds
 * how stale another instance's usage counts can be.
 */
@ApplicationScoped
public class ReadCache {

  private final AsyncCache<String, ConditionalGet.Body> cache;

  ReadCache(CatalogConfig config) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(config.readCache().maxEntries())
            .expireAfterWrite(config.readCache().ttl())
            .buildAsync();
  }

  public Uni<ConditionalGet.Body> get(String key, Supplier<Uni<ConditionalGet.Body>> load) {
    return Uni.createFrom()
        .completionStage(cache.get(key, (k, executor) -> load.get().subscribeAsCompletionStage()));
  }

  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }
}
