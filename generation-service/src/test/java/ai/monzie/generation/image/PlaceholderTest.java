package ai.monzie.generation.image;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class PlaceholderTest {

  @Inject PlaceholderBackfill backfill;

  @Test
  void everyStoredImageCarriesItsSizeAndBlurHashInTheApiAndItsEvent() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    JsonPath done =
        GenerationFixtures.generate(
            user, Map.of("scene_id", scene.toString(), "image_size", "square"));
    String id = done.getString("image.id");
    String hash = done.getString("image.blurhash");
    assertThat(hash).matches("[0-9A-Za-z#$%*+,\\-.:;=?@\\[\\]^_{|}~]{28}");
    assertThat(done.getInt("image.width")).isPositive();
    assertThat(done.getInt("image.height")).isPositive();

    JsonPath one = as(user).get("/v1/images/" + id).then().statusCode(200).extract().jsonPath();
    assertThat(one.getString("blurhash")).isEqualTo(hash);
    assertThat(
            as(user)
                .get("/v1/images")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("items[0].blurhash"))
        .isEqualTo(hash);

    var events = GenerationFixtures.events(Topics.IMAGE_GENERATED, id, 1);
    assertThat(ContractSchemas.validate(Topics.IMAGE_GENERATED, events.get(0).value())).isEmpty();
    JsonPath event = JsonPath.from(events.get(0).value());
    assertThat(event.getString("blurhash")).isEqualTo(hash);
    assertThat(event.getInt("width")).isEqualTo(one.getInt("width"));
  }

  @Test
  void backfillGivesOlderImagesTheirSizeAndBlurHashFromTheirFiles() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    JsonPath done =
        GenerationFixtures.generate(
            user, Map.of("scene_id", scene.toString(), "image_size", "square"));
    UUID id = UUID.fromString(done.getString("image.id"));
    String hash = done.getString("image.blurhash");
    int width = done.getInt("image.width");
    // as a row stored before this release: no size, no hash
    GenerationFixtures.one(
        "UPDATE generated_images SET width = NULL, height = NULL, blurhash = NULL WHERE id = $1"
            + " RETURNING id",
        Tuple.of(id));

    assertThat(backfill.run().await().atMost(Duration.ofSeconds(60))).isPositive();

    var row =
        GenerationFixtures.one(
            "SELECT width, height, blurhash FROM generated_images WHERE id = $1", Tuple.of(id));
    assertThat(row.getString("blurhash")).isEqualTo(hash);
    assertThat(row.getInteger("width")).isEqualTo(width);
    assertThat(row.getInteger("height")).isPositive();
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM generated_images WHERE blurhash IS NULL AND user_id = $1",
                Tuple.of(user)))
        .isZero();
  }
}
