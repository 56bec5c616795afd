package ai.monzie.generation.image;

import static ai.monzie.generation.GenerationFixtures.as;
import static ai.monzie.generation.GenerationFixtures.jsonAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class ImageHistoryTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void historyPagesNewestFirstWithEveryImageExactlyOnce() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene(Map.of("name", "Paging scene", "category", "outdoor"));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(
          GenerationFixtures.generate(
                  user, Map.of("scene_id", scene.toString(), "image_size", "square"))
              .getString("image.id"));
    }
    List<JsonPath> pages = GenerationFixtures.pages(user, "/v1/images", 2);
    assertThat(pages)
        .hasSize(3)
        .allSatisfy(
            page -> {
              assertThat(page.getList("items.scene_name")).containsOnly("Paging scene");
              assertThat(page.getList("items.scene_category")).containsOnly("outdoor");
            });
    java.util.Collections.reverse(made);
    assertThat(GenerationFixtures.itemIds(pages)).containsExactlyElementsOf(made);

    as(user).queryParam("limit", 0).get("/v1/images").then().statusCode(400).contentType(PROBLEM);
    as(user).queryParam("cursor", "junk").get("/v1/images").then().statusCode(400);
    as(user).queryParam("favorite", "maybe").get("/v1/images").then().statusCode(400);
    // another user sees none of them
    as(GenerationFixtures.user())
        .get("/v1/images")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }

  @Test
  void favoritesFilterAndPublishOnlyRealChanges() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String first =
        GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()))
            .getString("image.id");
    String second =
        GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()))
            .getString("image.id");

    favorite(user, first, true).then().statusCode(200).body("is_favorite", equalTo(true));
    favorite(user, first, true).then().statusCode(200); // no change: no second event
    as(user)
        .queryParam("favorite", "true")
        .get("/v1/images")
        .then()
        .body("items.id", org.hamcrest.Matchers.contains(first));
    as(user)
        .queryParam("favorite", "false")
        .get("/v1/images")
        .then()
        .body("items.id", org.hamcrest.Matchers.contains(second));

    var favorited = GenerationFixtures.events(Topics.IMAGE_FAVORITED, first, 1);
    assertThat(ContractSchemas.validate(Topics.IMAGE_FAVORITED, favorited.get(0).value()))
        .isEmpty();
    favorite(user, first, false).then().statusCode(200).body("is_favorite", equalTo(false));
    var unfavorited = GenerationFixtures.events(Topics.IMAGE_UNFAVORITED, first, 1);
    assertThat(ContractSchemas.validate(Topics.IMAGE_UNFAVORITED, unfavorited.get(0).value()))
        .isEmpty();
    assertThat(
            KafkaProbe.readFor(Topics.IMAGE_FAVORITED, Duration.ofSeconds(1)).stream()
                .filter(e -> e.value().contains(first)))
        .hasSize(1);

    jsonAs(user)
        .body(Map.of("is_favorite", "yes"))
        .patch("/v1/images/" + first)
        .then()
        .statusCode(400);
    jsonAs(user).body(Map.of()).patch("/v1/images/" + first).then().statusCode(400);
    jsonAs(user)
        .body(Map.of("is_favorite", true, "prompt", "x"))
        .patch("/v1/images/" + first)
        .then()
        .statusCode(400);
  }

  @Test
  void deletingRemovesTheRowTheFilesAndPublishesImageDeleted() {
    UUID user = GenerationFixtures.user();
    JsonPath done =
        GenerationFixtures.generate(
            user, Map.of("scene_id", GenerationFixtures.scene().toString()));
    String id = done.getString("image.id");
    favorite(user, id, true).then().statusCode(200);
    String imageUrl = done.getString("image.image_url");
    assertThat(get(imageUrl)).isEqualTo(200);

    as(user).delete("/v1/images/" + id).then().statusCode(204);
    as(user).get("/v1/images/" + id).then().statusCode(404).contentType(PROBLEM);
    as(user).delete("/v1/images/" + id).then().statusCode(404);
    assertThat(get(imageUrl)).isEqualTo(404); // the signature is fine, the file is gone
    assertThat(get(done.getString("image.thumbnail_url"))).isEqualTo(404);
    var deleted = GenerationFixtures.events(Topics.IMAGE_DELETED, id, 1);
    assertThat(ContractSchemas.validate(Topics.IMAGE_DELETED, deleted.get(0).value())).isEmpty();
    assertThat(JsonPath.from(deleted.get(0).value()).getBoolean("was_favorite")).isTrue();
    // the generation remains, without its image
    as(user)
        .get("/v1/generations/" + done.getString("id"))
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"))
        .body("image", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void anotherUsersImageIsNotFoundForEveryVerb() {
    UUID owner = GenerationFixtures.user();
    String id =
        GenerationFixtures.generate(
                owner, Map.of("scene_id", GenerationFixtures.scene().toString()))
            .getString("image.id");
    UUID intruder = GenerationFixtures.user();
    as(intruder).get("/v1/images/" + id).then().statusCode(404).contentType(PROBLEM);
    favorite(intruder, id, true).then().statusCode(404).contentType(PROBLEM);
    as(intruder).delete("/v1/images/" + id).then().statusCode(404).contentType(PROBLEM);
    as(intruder).post("/v1/images/" + id + "/enhance").then().statusCode(404).contentType(PROBLEM);
    as(intruder).get("/v1/usage/today").then().body("used", equalTo(0));
    // and the owner's image is untouched
    as(owner).get("/v1/images/" + id).then().statusCode(200).body("is_favorite", equalTo(false));
    as(owner).get("/v1/images/nope").then().statusCode(404);
    RestAssured.given().get("/v1/images").then().statusCode(401).contentType(PROBLEM);
  }

  @Test
  void enhanceMakesANewEnhancedImageTwiceTheSizeThroughTheSameJobsAndQuota() throws Exception {
    UUID user = GenerationFixtures.user();
    JsonPath original =
        GenerationFixtures.generate(
            user,
            Map.of("scene_id", GenerationFixtures.scene().toString(), "image_size", "square"));
    String sourceId = original.getString("image.id");
    String generation =
        as(user)
            .post("/v1/images/" + sourceId + "/enhance")
            .then()
            .statusCode(202)
            .header("Location", startsWith("http://localhost:8080/v1/generations/"))
            .body("status", equalTo("queued"))
            .extract()
            .path("id");
    JsonPath done = GenerationFixtures.awaitFinished(user, generation);
    assertThat(done.getString("status")).isEqualTo("succeeded");
    assertThat(done.getBoolean("is_enhance")).isTrue();
    assertThat(done.getBoolean("image.is_enhanced")).isTrue();
    assertThat(done.getInt("image.width")).isEqualTo(1024);
    assertThat(done.getString("image.scene_id")).isEqualTo(original.getString("image.scene_id"));
    BufferedImage big =
        ImageIO.read(new ByteArrayInputStream(bytes(done.getString("image.image_url"))));
    assertThat(big.getWidth()).isEqualTo(1024);
    assertThat(big.getHeight()).isEqualTo(1024);
    as(user).get("/v1/usage/today").then().body("used", equalTo(2));
    var events = GenerationFixtures.events(Topics.IMAGE_GENERATED, done.getString("image.id"), 1);
    assertThat(JsonPath.from(events.get(0).value()).getBoolean("is_enhanced")).isTrue();
  }

  static io.restassured.response.Response favorite(UUID user, String id, boolean value) {
    return jsonAs(user).body(Map.of("is_favorite", value)).patch("/v1/images/" + id);
  }

  static int get(String url) {
    return GenerationFixtures.file(url).statusCode();
  }

  static byte[] bytes(String url) {
    return GenerationFixtures.file(url).then().statusCode(200).extract().asByteArray();
  }
}
