package ai.monzie.catalog.events;

import ai.monzie.catalog.http.ReadCache;
import ai.monzie.catalog.scene.SceneRepository;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code image.generated} → {@code scenes.usage_count} (the seed's increment_scene_usage). */
@ApplicationScoped
public class ImageGeneratedConsumer {

  public static final String CHANNEL = "image-generated";

  private final EventBatches batches;
  private final SceneRepository scenes;
  private final ReadCache cache;

  ImageGeneratedConsumer(EventBatches batches, SceneRepository scenes, ReadCache cache) {
    this.cache = cache;
    this.batches = batches;
    this.scenes = scenes;
  }

  /** What usage counting reads of {@code image.generated}. */
  record ImageGenerated(UUID sceneId) {}

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return batches
        .apply(
            records,
            (tx, events) -> {
              // sorted by scene id: concurrent batches lock rows in one order, so they cannot
              // deadlock
              Map<UUID, Long> perScene = new TreeMap<>();
              for (ReceivedEvent event : events) {
                // a scene id that is no UUID throws: the batch is retried, then dead-lettered
                UUID scene = event.as(ImageGenerated.class).sceneId();
                if (scene != null) {
                  perScene.merge(scene, 1L, Long::sum);
                }
              }
              if (perScene.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return scenes.addUsage(
                  tx,
                  perScene.keySet().toArray(UUID[]::new),
                  perScene.values().toArray(Long[]::new));
            })
        .invoke(cache::invalidateAll);
  }
}
