package ai.monzie.catalog.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.catalog.CatalogFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class SceneChangedEventTest {

  @Test
  void aCatalogWriteProducesExactlyOneSceneChangedThatMatchesTheContract() {
    String category = CatalogFixtures.category();
    String id = CatalogFixtures.scene(category, Map.of("is_premium", true));

    List<KafkaProbe.Event> first =
        KafkaProbe.readUntil(
            Topics.SCENE_CHANGED, Duration.ofSeconds(30), read -> forScene(read, id).size() >= 1);
    KafkaProbe.Event event = forScene(first, id).get(0);
    assertThat(event.headers())
        .containsEntry("ce_type", "scene.changed")
        .containsEntry("ce_source", "/monzie/catalog")
        .containsEntry("ce_specversion", "1.0")
        .containsKeys("ce_id", "ce_time");
    assertThat(ContractSchemas.validate(Topics.SCENE_CHANGED, event.value())).isEmpty();
    JsonNode payload = json(event.value());
    assertThat(payload.get("is_premium").asBoolean()).isTrue();
    assertThat(payload.get("version").asLong()).isEqualTo(1);
    assertThat(payload.get("id").asText()).isEqualTo(id);

    // the relay has had time to (wrongly) publish twice: still exactly one event for this write
    List<KafkaProbe.Event> later = KafkaProbe.readFor(Topics.SCENE_CHANGED, Duration.ofSeconds(2));
    assertThat(forScene(later, id)).hasSize(1);

    CatalogFixtures.operator()
        .body(Map.of("is_premium", false))
        .patch("/v1/scenes/" + id)
        .then()
        .statusCode(200);
    List<KafkaProbe.Event> after =
        KafkaProbe.readUntil(
            Topics.SCENE_CHANGED, Duration.ofSeconds(30), read -> forScene(read, id).size() >= 2);
    JsonNode second = json(forScene(after, id).get(1).value());
    assertThat(second.get("version").asLong()).isEqualTo(2);
    assertThat(second.get("is_premium").asBoolean()).isFalse();
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<KafkaProbe.Event> forScene(List<KafkaProbe.Event> events, String id) {
    return events.stream().filter(e -> id.equals(e.key())).toList();
  }
}
