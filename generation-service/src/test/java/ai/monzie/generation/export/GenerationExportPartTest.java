package ai.monzie.generation.export;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ai.monzie.testing.WithMonzieInfra(database = "generation")
class GenerationExportPartTest {

  @Inject ObjectStore store;

  @Test
  void writesImagesTheirFilesFavoritesUsageCreditsAndUploadsOfThatUserOnly() {
    UUID user = GenerationFixtures.user();
    UUID bystander = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    GenerationFixtures.profile(user, false, "male", null, 1);
    UploadFixtures.uploadJpeg(user);
    String first =
        GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()))
            .getString("image.id");
    String second =
        GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()))
            .getString("image.id");
    GenerationFixtures.generate(bystander, Map.of("scene_id", scene.toString()));
    GenerationFixtures.jsonAs(user)
        .body(Map.of("is_favorite", true))
        .patch("/v1/images/" + first)
        .then()
        .statusCode(200);

    UUID export = UUID.randomUUID();
    String request =
        "{\"export_id\":\"%s\",\"user_id\":\"%s\",\"requested_at\":\"%s\"}"
            .formatted(export, user, Instant.now());
    KafkaProbe.publish(
        Topics.USER_EXPORT_REQUESTED, user.toString(), UUID.randomUUID().toString(), request);
    List<KafkaProbe.Event> ready =
        GenerationFixtures.events(Topics.USER_EXPORT_PART_READY, export.toString(), 1);
    KafkaProbe.Event event = ready.get(0);
    assertThat(ContractSchemas.validate(Topics.USER_EXPORT_PART_READY, event.value())).isEmpty();
    JsonPath part = JsonPath.from(event.value());
    assertThat(part.getString("service")).isEqualTo("generation");
    assertThat(part.getList("files", String.class))
        .containsExactlyInAnyOrder(
            "images.json",
            "images/" + first + ".png",
            "images/" + second + ".png",
            "favorites.json",
            "usage.json",
            "credits.json",
            "uploads.json");

    JsonPath images = JsonPath.from(text(export, "images.json"));
    assertThat(images.getList("id", String.class)).containsExactlyInAnyOrder(first, second);
    JsonPath favorites = JsonPath.from(text(export, "favorites.json"));
    assertThat(favorites.getList("image_id", String.class)).containsExactly(first);
    JsonPath usage = JsonPath.from(text(export, "usage.json"));
    assertThat(usage.getList("generation_count", Integer.class)).containsExactly(2);
    assertThat(JsonPath.from(text(export, "uploads.json")).getList("id")).hasSize(1);
    assertThat(text(export, "credits.json")).contains("ledger");

    // the image file is a copy of the stored image, byte for byte
    byte[] copied = bytes(export, "images/" + first + ".png");
    byte[] original =
        GenerationFixtures.file(
                as(user).get("/v1/images/{id}", first).jsonPath().getString("image_url"))
            .asByteArray();
    assertThat(copied).isEqualTo(original);
    long total = part.getLong("bytes");
    assertThat(total).isGreaterThan(copied.length);
  }

  @Test
  void aUserWithNothingStillAnswersWithEmptyDocuments() {
    UUID user = GenerationFixtures.user();
    UUID export = UUID.randomUUID();
    KafkaProbe.publish(
        Topics.USER_EXPORT_REQUESTED,
        user.toString(),
        UUID.randomUUID().toString(),
        "{\"export_id\":\"%s\",\"user_id\":\"%s\",\"requested_at\":\"%s\"}"
            .formatted(export, user, Instant.now()));
    JsonPath part =
        JsonPath.from(
            GenerationFixtures.events(Topics.USER_EXPORT_PART_READY, export.toString(), 1)
                .get(0)
                .value());
    assertThat(part.getList("files", String.class))
        .containsExactlyInAnyOrder(
            "images.json", "favorites.json", "usage.json", "credits.json", "uploads.json");
    assertThat(JsonPath.from(text(export, "images.json")).getList("$")).isEmpty();
  }

  private byte[] bytes(UUID export, String file) {
    return store
        .get(ExportKeys.partFile(export, "generation", file))
        .await()
        .atMost(Duration.ofSeconds(5))
        .orElseThrow()
        .bytes();
  }

  private String text(UUID export, String file) {
    return new String(bytes(export, file), StandardCharsets.UTF_8);
  }
}
