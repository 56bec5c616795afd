package ai.monzie.generation.events;

import ai.monzie.generation.snapshot.SceneSnapshot;
import ai.monzie.generation.snapshot.SceneSnapshots;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.inbox.EventBatches;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

  static SceneSnapshot snapshot(ReceivedEvent event) {
    JsonNode p = event.payload();
    List<String> keywords = new ArrayList<>();
    p.path("style_keywords").forEach(k -> keywords.add(k.asText()));
    return new SceneSnapshot(
        UUID.fromString(required(p, "id")),
        required(p, "name"),
        required(p, "category"),
        required(p, "prompt_template"),
        event.text("negative_prompt"),
        keywords,
        p.path("is_active").asBoolean(false),
        p.path("is_premium").asBoolean(true),
        p.path("version").asLong(),
        updatedAt(event));
  }

  private static OffsetDateTime updatedAt(ReceivedEvent event) {
    String text = event.text("updated_at");
    return text == null ? OffsetDateTime.now() : OffsetDateTime.parse(text);
  }

  static String required(JsonNode payload, String field) {
    JsonNode value = payload.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("scene.changed without " + field);
    }
    return value.asText();
  }
}
