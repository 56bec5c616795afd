package ai.monzie.generation.share;

import static ai.monzie.generation.GenerationFixtures.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class ShareLinkTest {

  static final String PROBLEM = "application/problem+json";

  private static JsonPath image(UUID user) {
    return GenerationFixtures.generate(
            user,
            Map.of(
                "scene_id",
                GenerationFixtures.scene(Map.of("name", "Share scene", "category", "studio"))
                    .toString(),
                "image_size",
                "square"))
        .setRootPath("image");
  }

  private static Response share(UUID user, String imageId) {
    return as(user).post("/v1/images/" + imageId + "/share");
  }

  /** The path of an absolute URL the API returned (the test talks to the service directly). */
  private static String path(String url) {
    return URI.create(url).getRawPath();
  }

  @Test
  void anyoneWithTheLinkSeesTheImageWithoutWhoMadeIt() {
    UUID user = GenerationFixtures.user();
    JsonPath made = image(user);
    String imageId = made.getString("id");

    Response first = share(user, imageId);
    first.then().statusCode(201);
    String token = first.path("token");
    String url = first.path("url");
    assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 bits
    assertThat(url).endsWith("/v1/shared/" + token);
    // one link per image: a second call answers the same token
    share(user, imageId).then().statusCode(200).body("token", equalTo(token));

    Response view = given().get(path(url));
    view.then().statusCode(200).contentType("application/json");
    String cache = view.header("Cache-Control");
    assertThat(cache).contains("public").contains("max-age=60");
    String body = view.asString();
    assertThat(body)
        .doesNotContain(user.toString())
        .doesNotContain("user_id")
        .doesNotContain("prompt");
    JsonPath shared = view.jsonPath();
    assertThat(shared.getString("scene_name")).isEqualTo("Share scene");
    assertThat(shared.getString("scene_category")).isEqualTo("studio");
    assertThat(shared.getString("blurhash")).isEqualTo(made.getString("blurhash"));
    assertThat(shared.getInt("width")).isEqualTo(made.getInt("width"));
    assertThat(shared.getInt("height")).isEqualTo(made.getInt("height"));
    assertThat(shared.getString("created_at")).isNotBlank();
    assertThat(OpenApiContract.served().answerProblems("get", "/v1/shared/{token}", 200, body))
        .isEmpty();

    Response bytes = given().get(path(shared.getString("image_url")));
    bytes.then().statusCode(200).contentType("image/png");
    assertThat(bytes.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(bytes.asByteArray())
        .isEqualTo(GenerationFixtures.file(made.getString("image_url")).asByteArray());
    given()
        .get(path(shared.getString("thumbnail_url")))
        .then()
        .statusCode(200)
        .contentType("image/jpeg")
        .header("Cache-Control", "public, max-age=31536000, immutable");

    var sharedEvents = GenerationFixtures.events(Topics.IMAGE_SHARED, imageId, 1);
    assertThat(sharedEvents).hasSize(1); // the second POST published nothing
    assertThat(ContractSchemas.validate(Topics.IMAGE_SHARED, sharedEvents.get(0).value()))
        .isEmpty();
    assertThat(sharedEvents.get(0).value()).doesNotContain(token);
    var viewed = GenerationFixtures.events(Topics.IMAGE_SHARE_VIEWED, imageId, 1);
    assertThat(ContractSchemas.validate(Topics.IMAGE_SHARE_VIEWED, viewed.get(0).value()))
        .isEmpty();
    assertThat(viewed.get(0).value()).doesNotContain(token);
  }

  @Test
  void aPageWithOpenGraphTagsForLinkPreviews() {
    UUID user = GenerationFixtures.user();
    String imageId = image(user).getString("id");
    String url = share(user, imageId).then().statusCode(201).extract().path("url");
    Response page = given().accept("text/html").get(path(url));
    page.then().statusCode(200).contentType("text/html");
    String html = page.asString();
    assertThat(html)
        .contains("<meta property=\"og:image\" content=\"" + url + "/image\">")
        .contains("og:title\" content=\"Share scene\"")
        .doesNotContain("<script");
  }

  @Test
  void aViewWritesNothingToTheDatabase() {
    UUID user = GenerationFixtures.user();
    String imageId = image(user).getString("id");
    String url = share(user, imageId).then().statusCode(201).extract().path("url");
    String before = versions(imageId);
    for (int i = 0; i < 5; i++) {
      given().get(path(url)).then().statusCode(200);
      // the outbox is the database path of events: views never take it
      assertThat(
              GenerationFixtures.count(
                  "SELECT count(*) FROM outbox WHERE topic = 'image.share_viewed'", Tuple.tuple()))
          .isZero();
    }
    GenerationFixtures.events(Topics.IMAGE_SHARE_VIEWED, imageId, 5);
    assertThat(versions(imageId)).isEqualTo(before); // neither row was written (xmin unchanged)
  }

  /** The row versions (xmin) of the image and its share. */
  private static String versions(String imageId) {
    var row =
        GenerationFixtures.one(
            "SELECT i.xmin::text || '/' || s.xmin::text FROM generated_images i"
                + " JOIN image_shares s ON s.image_id = i.id WHERE i.id = $1",
            Tuple.of(UUID.fromString(imageId)));
    return row.getString(0);
  }

  @Test
  void concurrentSharesMakeOneLink() {
    UUID user = GenerationFixtures.user();
    String imageId = image(user).getString("id");
    Set<String> tokens = new HashSet<>();
    List<String> answered =
        Parallel.run(8, i -> share(user, imageId).then().extract().<String>path("token"));
    tokens.addAll(answered);
    assertThat(tokens).hasSize(1);
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM image_shares WHERE image_id = $1",
                Tuple.of(UUID.fromString(imageId))))
        .isEqualTo(1);
  }

  @Test
  void aRevokedLinkIsNotFoundOnEveryPath() {
    UUID user = GenerationFixtures.user();
    String imageId = image(user).getString("id");
    String url = share(user, imageId).then().statusCode(201).extract().path("url");
    as(user).delete("/v1/images/" + imageId + "/share").then().statusCode(204);
    assertGone(url);
    // sharing again makes a new token; the old one stays dead
    String again = share(user, imageId).then().statusCode(201).extract().path("url");
    assertThat(again).isNotEqualTo(url);
    assertGone(url);
    given().get(path(again)).then().statusCode(200);
  }

  @Test
  void deletingTheImageRevokesItsLink() {
    UUID user = GenerationFixtures.user();
    String imageId = image(user).getString("id");
    String url = share(user, imageId).then().statusCode(201).extract().path("url");
    as(user).delete("/v1/images/" + imageId).then().statusCode(204);
    assertGone(url);
  }

  @Test
  void anotherUsersImageCannotBeSharedOrRevoked() {
    UUID owner = GenerationFixtures.user();
    String imageId = image(owner).getString("id");
    String url = share(owner, imageId).then().statusCode(201).extract().path("url");
    UUID other = GenerationFixtures.user();
    share(other, imageId).then().statusCode(404).contentType(PROBLEM);
    as(other).delete("/v1/images/" + imageId + "/share").then().statusCode(404);
    share(other, "not-a-uuid").then().statusCode(404);
    given().get(path(url)).then().statusCode(200); // still live
    given().post("/v1/images/" + imageId + "/share").then().statusCode(401);
  }

  @Test
  void unknownOrMalformedTokensAreNotFoundAndReachNoPrivateFile() {
    UUID user = GenerationFixtures.user();
    JsonPath made = image(user);
    String imageKey =
        GenerationFixtures.one(
                "SELECT image_key FROM generated_images WHERE id = $1",
                Tuple.of(UUID.fromString(made.getString("id"))))
            .getString(0);
    for (String token :
        new String[] {
          "A".repeat(43),
          "short",
          "..%2F..%2F" + imageKey.replace("/", "%2F"),
          imageKey.replace("/", "%2F"),
          made.getString("id"),
        }) {
      for (String suffix : new String[] {"", "/image", "/thumbnail"}) {
        Response answer = given().urlEncodingEnabled(false).get("/v1/shared/" + token + suffix);
        assertThat(answer.statusCode()).as(token + suffix).isEqualTo(404);
        assertThat(answer.asByteArray()).as(token + suffix).isNotEqualTo(made.getString("id"));
      }
    }
    // the shared file route takes no signature: a signed private URL's query changes nothing
    URI signed = URI.create(made.getString("image_url"));
    given()
        .urlEncodingEnabled(false)
        .get("/v1/shared/" + "A".repeat(43) + "/image?" + signed.getRawQuery())
        .then()
        .statusCode(404);
    given()
        .get("/v1/shared/" + "A".repeat(43))
        .then()
        .header("Cache-Control", "public, max-age=60");
  }

  static void assertGone(String url) {
    for (String suffix : new String[] {"", "/image", "/thumbnail"}) {
      Response answer = given().get(path(url) + suffix);
      assertThat(answer.statusCode()).as(suffix).isEqualTo(404);
      assertThat(answer.contentType()).startsWith(PROBLEM);
      assertThat(answer.header("Cache-Control")).contains("max-age=60");
    }
  }
}
