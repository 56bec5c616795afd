package ai.monzie.generation.upload;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class UploadEnhanceTest {

  static final String PROBLEM = "application/problem+json";

  private static JsonPath upload(UUID user, String purpose) {
    return as(user)
        .multiPart("file", "me.jpg", UploadFixtures.jpeg(300, 400), "image/jpeg")
        .multiPart("purpose", purpose)
        .post("/v1/uploads")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  @Test
  void uploadsHaveIdsAndListNewestFirstOnlyForTheirOwner() {
    UUID user = GenerationFixtures.user();
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(0, upload(user, "photo").getString("id"));
    }
    List<JsonPath> pages = GenerationFixtures.pages(user, "/v1/uploads", 2);
    assertThat(pages)
        .allSatisfy(
            page ->
                assertThat(page.getList("items.url", String.class))
                    .allMatch(u -> u.contains("/v1/files/users/" + user + "/uploads/")));
    assertThat(GenerationFixtures.itemIds(pages)).containsExactlyElementsOf(made);
    as(GenerationFixtures.user())
        .get("/v1/uploads")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
    as(user).queryParam("limit", 0).get("/v1/uploads").then().statusCode(400).contentType(PROBLEM);
    as(user).queryParam("cursor", "junk").get("/v1/uploads").then().statusCode(400);
  }

  @Test
  void aPhotoUploadIsEnhancedLikeAnImageWithTheSameQuotaEventsAndIdempotency() {
    UUID user = GenerationFixtures.user();
    String upload = upload(user, "photo").getString("id");
    var first =
        as(user)
            .header("Idempotency-Key", "enhance-" + upload)
            .post("/v1/uploads/" + upload + "/enhance");
    first.then().statusCode(202).body("is_enhance", equalTo(true));
    String generation = first.path("id");
    assertThat(first.header("Location")).endsWith("/v1/generations/" + generation);
    // a retry with the same key answers the same generation and reserves nothing more
    as(user)
        .header("Idempotency-Key", "enhance-" + upload)
        .post("/v1/uploads/" + upload + "/enhance")
        .then()
        .statusCode(202)
        .body("id", equalTo(generation));
    JsonPath done = GenerationFixtures.awaitFinished(user, generation);
    assertThat(done.getString("status")).isEqualTo("succeeded");
    assertThat(done.getBoolean("image.is_enhanced")).isTrue();
    assertThat(done.getInt("image.width")).isEqualTo(600); // the local model upscales 2x
    assertThat(done.getString("image.blurhash")).isNotBlank();
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));
    var events = GenerationFixtures.events(Topics.IMAGE_GENERATED, done.getString("image.id"), 1);
    assertThat(ContractSchemas.validate(Topics.IMAGE_GENERATED, events.get(0).value())).isEmpty();
  }

  @Test
  void anotherUsersUploadAnAvatarOrNoUploadIsNotFound() {
    UUID owner = GenerationFixtures.user();
    String photo = upload(owner, "photo").getString("id");
    String avatar = upload(owner, "avatar").getString("id");
    UUID other = GenerationFixtures.user();
    as(other).post("/v1/uploads/" + photo + "/enhance").then().statusCode(404).contentType(PROBLEM);
    as(owner).post("/v1/uploads/" + avatar + "/enhance").then().statusCode(404);
    as(owner).post("/v1/uploads/" + UUID.randomUUID() + "/enhance").then().statusCode(404);
    as(owner).post("/v1/uploads/not-an-id/enhance").then().statusCode(404);
    // an image id is not an upload id
    as(other).get("/v1/usage/today").then().body("used", equalTo(0));
    as(owner).get("/v1/usage/today").then().body("used", equalTo(0));
  }
}
