package ai.monzie.catalog.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.platform.events.Topics;
import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class CatalogExportPartTest {

  @Inject ObjectStore store;

  @Test
  void answersEveryExportWithACatalogJsonSayingItHoldsNoPersonalData() {
    UUID user = UUID.randomUUID();
    UUID export = UUID.randomUUID();
    String eventId = UUID.randomUUID().toString();
    String request =
        "{\"export_id\":\"%s\",\"user_id\":\"%s\",\"requested_at\":\"%s\"}"
            .formatted(export, user, Instant.now());
    KafkaProbe.publish(Topics.USER_EXPORT_REQUESTED, user.toString(), eventId, request);
    KafkaProbe.publish(Topics.USER_EXPORT_REQUESTED, user.toString(), eventId, request);

    var ready =
        KafkaProbe.readUntil(
            Topics.USER_EXPORT_PART_READY,
            Duration.ofSeconds(60),
            events -> events.stream().anyMatch(e -> e.value().contains(export.toString())));
    var mine = ready.stream().filter(e -> e.value().contains(export.toString())).toList();
    assertThat(mine).hasSize(1); // the redelivered request answered once
    assertThat(mine.get(0).key()).isEqualTo(user.toString());
    assertThat(ContractSchemas.validate(Topics.USER_EXPORT_PART_READY, mine.get(0).value()))
        .isEmpty();
    JsonPath part = JsonPath.from(mine.get(0).value());
    assertThat(part.getString("service")).isEqualTo("catalog");
    assertThat(part.getList("files", String.class)).containsExactly("catalog.json");

    byte[] doc =
        store
            .get(ExportKeys.partFile(export, "catalog", "catalog.json"))
            .await()
            .atMost(Duration.ofSeconds(5))
            .orElseThrow()
            .bytes();
    assertThat(part.getLong("bytes")).isEqualTo(doc.length);
    JsonPath catalog = JsonPath.from(new String(doc, StandardCharsets.UTF_8));
    assertThat(catalog.getBoolean("personal_data")).isFalse();
    assertThat(catalog.getString("explanation")).contains("no data about you");
  }
}
