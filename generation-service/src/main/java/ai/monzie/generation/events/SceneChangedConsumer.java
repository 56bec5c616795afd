package ai.monzie.generation.events;

import ai.monzie.generation.snapshot.SceneSnapshot;
import ai.monzie.generation.snapshot.SceneSnapshots;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code scene.changed} → {@code scene_snapshots}; the highest version wins. */
@ApplicationScoped
public class SceneChangedConsumer {

  public static final String CHANNEL = "scene-changed";

  private final EventBatches batches;
  private final SceneSnapshots scenes;

  SceneChangedConsumer(EventBatches batches, SceneSnapshots scenes) {
    this.batches = batches;
    this.scenes = scenes;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return Payloads.applyEach(
        batches, records, SceneChangedConsumer::snapshot, scenes::upsertIfNewer);
  }

  /** The fields of {@code scene.changed} this service keeps. */
  record SceneChanged(
      UUID id,
      String name,
      String category,
      String promptTemplate,
      String negativePrompt,
      List<String> styleKeywords,
      Boolean isActive,
      Boolean isPremium,
      Long version,
      OffsetDateTime updatedAt) {}

  static SceneSnapshot snapshot(ReceivedEvent event) {
    SceneChanged s = event.as(SceneChanged.class);
    return new SceneSnapshot(
        required(s.id(), "id"),
        required(s.name(), "name"),
        required(s.category(), "category"),
        required(s.promptTemplate(), "prompt_template"),
        s.negativePrompt(),
        s.styleKeywords() == null ? List.of() : s.styleKeywords(),
        Boolean.TRUE.equals(s.isActive()),
        // a scene that does not say is premium, so a malformed event never opens it to everyone
        !Boolean.FALSE.equals(s.isPremium()),
        s.version() == null ? 0 : s.version(),
        s.updatedAt() == null ? OffsetDateTime.now() : s.updatedAt());
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("scene.changed without " + field);
    }
    return value;
  }
}
