package ai.monzie.catalog.events;

import ai.monzie.catalog.http.ReadCache;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every instance reads {@code scene.changed} in a consumer group of its own, so a write served by
 * one replica empties the read cache of all of them.
 */
@ApplicationScoped
public class SceneChangedInvalidation {

  public static final String CHANNEL = "scene-changed-invalidation";

  private final ReadCache cache;

  SceneChangedInvalidation(ReadCache cache) {
    this.cache = cache;
  }

  @Incoming(CHANNEL)
  public void invalidate(ConsumerRecords<String, String> records) {
    if (!records.isEmpty()) {
      cache.invalidateAll();
    }
  }
}
