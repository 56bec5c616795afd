package ai.monzie.analytics.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.platform.events.Topics;
import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "analytics")
class AnalyticsExportPartTest {

  @Inject ObjectStore store;

  static void post(UUID user, String name, int count) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(Map.of("event_name", name, "platform", "ios", "event_properties", Map.of("i", i)));
    }
    given()
        .auth()
        .oauth2(TestInfra.token("authenticated", user.toString()))
        .header("X-Forwarded-For", "10.9." + (user.hashCode() & 127) + ".1")
        .contentType(ContentType.JSON)
        .body(Map.of("events", events))
        .post("/v1/events")
        .then()
        .statusCode(202);
  }

  @Test
  void writesEveryAppEventOfThatUserOnlyAcrossPages() {
    UUID user = UUID.randomUUID();
    UUID bystander = UUID.randomUUID();
    String name = "export_" + UUID.randomUUID().toString().substring(0, 8);
    post(user, name, 500);
    post(user, name, 500);
    post(user, name, 250); // more than one page of 1000
    post(bystander, name, 10);

    UUID export = UUID.randomUUID();
    KafkaProbe.publish(
        Topics.USER_EXPORT_REQUESTED,
        user.toString(),
        UUID.randomUUID().toString(),
        "{\"export_id\":\"%s\",\"user_id\":\"%s\",\"requested_at\":\"%s\"}"
            .formatted(export, user, Instant.now()));
    var ready =
        KafkaProbe.readUntil(
                Topics.USER_EXPORT_PART_READY,
                Duration.ofSeconds(60),
                events -> events.stream().anyMatch(e -> e.value().contains(export.toString())))
            .stream()
            .filter(e -> e.value().contains(export.toString()))
            .findFirst()
            .orElseThrow();
    assertThat(ContractSchemas.validate(Topics.USER_EXPORT_PART_READY, ready.value())).isEmpty();
    JsonPath part = JsonPath.from(ready.value());
    assertThat(part.getString("service")).isEqualTo("analytics");
    assertThat(part.getList("files", String.class)).containsExactly("events.json");

    byte[] doc =
        store
            .get(ExportKeys.partFile(export, "analytics", "events.json"))
            .await()
            .atMost(Duration.ofSeconds(5))
            .orElseThrow()
            .bytes();
    assertThat(part.getLong("bytes")).isEqualTo(doc.length);
    JsonPath events = JsonPath.from(new String(doc, StandardCharsets.UTF_8));
    assertThat(events.getList("event_name")).hasSize(1250).containsOnly(name);
    assertThat(events.getList("id").stream().distinct()).hasSize(1250);
  }

  @Test
  void aUserWithoutEventsGetsAnEmptyList() {
    UUID user = UUID.randomUUID();
    UUID export = UUID.randomUUID();
    KafkaProbe.publish(
        Topics.USER_EXPORT_REQUESTED,
        user.toString(),
        UUID.randomUUID().toString(),
        "{\"export_id\":\"%s\",\"user_id\":\"%s\",\"requested_at\":\"%s\"}"
            .formatted(export, user, Instant.now()));
    KafkaProbe.readUntil(
        Topics.USER_EXPORT_PART_READY,
        Duration.ofSeconds(60),
        events -> events.stream().anyMatch(e -> e.value().contains(export.toString())));
    byte[] doc =
        store
            .get(ExportKeys.partFile(export, "analytics", "events.json"))
            .await()
            .atMost(Duration.ofSeconds(5))
            .orElseThrow()
            .bytes();
    assertThat(JsonPath.from(new String(doc, StandardCharsets.UTF_8)).getList("$")).isEmpty();
  }
}
