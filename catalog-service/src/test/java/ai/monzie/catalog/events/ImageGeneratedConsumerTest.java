package ai.monzie.catalog.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.catalog.CatalogFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class ImageGeneratedConsumerTest {

  @Test
  void hundredEventsAddExactlyHundredEvenWhenDeliveredTwice() {
    String scene = CatalogFixtures.scene(CatalogFixtures.category(), Map.of());
    String user = UUID.randomUUID().toString(); // one key: one partition, so order is kept
    List<KafkaProbe.Outgoing> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      events.add(imageGenerated(scene, user, UUID.randomUUID().toString()));
    }
    KafkaProbe.publishAll(events);
    awaitUsage(scene, 100);

    KafkaProbe.publishAll(events); // redelivery of all 100
    KafkaProbe.publish(
        Topics.IMAGE_GENERATED, user, UUID.randomUUID().toString(), payload(scene, user));
    // the marker comes after the duplicates on the same partition: once it counts, they were seen
    awaitUsage(scene, 101);
    assertThat(usage(scene)).isEqualTo(101);
  }

  @Test
  void contractExamplesAreAcceptedAndUnknownFieldsIgnored() {
    String scene = CatalogFixtures.scene(CatalogFixtures.category(), Map.of());
    List<KafkaProbe.Outgoing> events = new ArrayList<>();
    for (var example : ContractSchemas.examples(Topics.IMAGE_GENERATED)) {
      ObjectNode payload = ((ObjectNode) example.deepCopy()).put("scene_id", scene);
      payload.put("unknown_future_field", "ignored");
      events.add(
          new KafkaProbe.Outgoing(
              Topics.IMAGE_GENERATED,
              payload.get("user_id").asText(),
              UUID.randomUUID().toString(),
              payload.toString()));
    }
    KafkaProbe.publishAll(events);
    awaitUsage(scene, events.size());
  }

  @Test
  void anUnreadableEventGoesToTheDeadLetterTopicAndDoesNotBlockTheNextOnes() {
    String scene = CatalogFixtures.scene(CatalogFixtures.category(), Map.of());
    String user = UUID.randomUUID().toString();
    String badId = UUID.randomUUID().toString();
    KafkaProbe.publishAll(
        List.of(
            new KafkaProbe.Outgoing(Topics.IMAGE_GENERATED, user, badId, "{not json"),
            imageGenerated(scene, user, UUID.randomUUID().toString())));
    awaitUsage(scene, 1);
    KafkaProbe.readUntil(
        Topics.deadLetter(Topics.IMAGE_GENERATED),
        Duration.ofSeconds(30),
        read ->
            read.stream()
                .anyMatch(
                    e ->
                        badId.equals(e.headers().get("ce_id"))
                            && e.headers().containsKey("dlq_error")));
  }

  static KafkaProbe.Outgoing imageGenerated(String scene, String user, String eventId) {
    return new KafkaProbe.Outgoing(Topics.IMAGE_GENERATED, user, eventId, payload(scene, user));
  }

  static String payload(String scene, String user) {
    return """
        {"image_id":"%s","generation_id":"%s","user_id":"%s","scene_id":"%s",
         "scene_name":"Test","scene_category":"test","model":"local","generation_time":0.2,
         "is_enhanced":false,"created_at":"2026-11-25T10:00:00Z"}"""
        .formatted(UUID.randomUUID(), UUID.randomUUID(), user, scene);
  }

  static void awaitUsage(String scene, long expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> usage(scene) >= expected);
    assertThat(usage(scene)).isEqualTo(expected);
  }

  static long usage(String scene) {
    return given()
        .get("/v1/scenes/" + scene)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("usage_count");
  }
}
