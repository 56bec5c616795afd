package ai.monzie.generation.generation;

import static ai.monzie.generation.GenerationFixtures.as;
import static ai.monzie.generation.GenerationFixtures.jsonAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class GenerationFlowTest {

  private static final Logger LOG = Logger.getLogger(GenerationFlowTest.class);
  static final String PROBLEM = "application/problem+json";

  @Test
  void aRequestBecomesAStoredImageWithItsEventsWithTheLocalModel() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    GenerationFixtures.profile(user, false, "female", null, 1);

    long start = System.nanoTime();
    String id =
        jsonAs(user)
            .body(Map.of("scene_id", scene.toString(), "seed", 42))
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .header("Location", containsString("/v1/generations/"))
            .body("status", equalTo("queued"))
            .body("id", notNullValue())
            .extract()
            .path("id");
    JsonPath done = GenerationFixtures.awaitFinished(user, id);
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.infof("figure: POST to succeeded with the local model took %.3f s", seconds);

    assertThat(done.getString("status")).isEqualTo("succeeded");
    assertThat(done.getString("image.prompt"))
        .isEqualTo("A professional female portrait, studio lighting, 85mm");
    assertThat(done.getString("image.negative_prompt")).isEqualTo("blurry");
    assertThat(done.getInt("image.seed")).isEqualTo(42);
    assertThat(done.getString("image.model")).isEqualTo("local");
    assertThat(done.getString("image.image_size")).isEqualTo("portrait_4_3");
    assertThat(done.getString("image.scene_category")).isEqualTo("portrait");
    assertThat(done.getFloat("image.generation_time")).isGreaterThan(0f);

    byte[] png = fetch(done.getString("image.image_url"), "image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(768);
    assertThat(image.getHeight()).isEqualTo(1024);
    BufferedImage thumb =
        ImageIO.read(
            new ByteArrayInputStream(fetch(done.getString("image.thumbnail_url"), "image/jpeg")));
    assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(256);

    String imageId = done.getString("image.id");
    var generated = GenerationFixtures.events(Topics.IMAGE_GENERATED, imageId, 1);
    assertThat(generated).hasSize(1);
    assertThat(ContractSchemas.validate(Topics.IMAGE_GENERATED, generated.get(0).value()))
        .isEmpty();
    assertThat(generated.get(0).key()).isEqualTo(user.toString());
    assertThat(generated.get(0).headers()).containsEntry("ce_source", "/monzie/generation");
    var requested = GenerationFixtures.events(Topics.GENERATION_REQUESTED, id, 1);
    assertThat(ContractSchemas.validate(Topics.GENERATION_REQUESTED, requested.get(0).value()))
        .isEmpty();
    assertThat(
            io.restassured.path.json.JsonPath.from(requested.get(0).value())
                .getBoolean("is_enhance"))
        .isFalse();
  }

  @Test
  void timeFromPostToSucceededWithTheLocalModel() {
    UUID user = GenerationFixtures.user();
    GenerationFixtures.profile(user, true, "female", java.time.Instant.now().plusSeconds(3600), 1);
    UUID scene = GenerationFixtures.scene();
    GenerationFixtures.generate(user, Map.of("scene_id", scene.toString())); // warm up
    List<Double> seconds = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      JsonPath done = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
      seconds.add((System.nanoTime() - start) / 1e9);
      assertThat(done.getString("status")).isEqualTo("succeeded");
    }
    java.util.Collections.sort(seconds);
    LOG.infof(
        "figure: POST to succeeded with the local model (portrait_4_3, 768x1024 PNG), 10 runs:"
            + " median %.3f s, max %.3f s",
        (seconds.get(4) + seconds.get(5)) / 2, seconds.get(9));
    assertThat(seconds.get(9)).isLessThan(10.0);
  }

  @Test
  void theSamePromptSeedAndSizeGiveTheSameImage() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    Map<String, Object> body =
        Map.of("scene_id", scene.toString(), "seed", 7, "gender", "male", "image_size", "square");
    JsonPath first = GenerationFixtures.generate(user, body);
    JsonPath second = GenerationFixtures.generate(user, body);
    JsonPath other =
        GenerationFixtures.generate(
            user, Map.of("scene_id", scene.toString(), "seed", 8, "image_size", "square"));
    byte[] a = fetch(first.getString("image.image_url"), "image/png");
    byte[] b = fetch(second.getString("image.image_url"), "image/png");
    byte[] c = fetch(other.getString("image.image_url"), "image/png");
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    assertThat(first.getString("image.prompt")).contains("male portrait");
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyReturnsTheSameGenerationAndReservesNothing() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    Map<String, Object> body = Map.of("scene_id", scene.toString());
    String key = "retry-" + UUID.randomUUID();
    String first =
        jsonAs(user)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String second =
        jsonAs(user)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    assertThat(second).isEqualTo(first);
    as(user).get("/v1/usage/today").then().statusCode(200).body("used", equalTo(1));
    // the same key for another request is refused, and reserves nothing either
    jsonAs(user)
        .header("Idempotency-Key", key)
        .body(Map.of("scene_id", scene.toString(), "seed", 1))
        .post("/v1/generations")
        .then()
        .statusCode(422)
        .contentType(PROBLEM);
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));
    // another user's identical key is theirs alone
    UUID other = GenerationFixtures.user();
    String theirs =
        jsonAs(other)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    assertThat(theirs).isNotEqualTo(first);
  }

  @Test
  void aKeyIsBoundToTheCanonicalJsonOfTheRequestNotToItsSpelling() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String key = "canonical-" + UUID.randomUUID();
    String first =
        jsonAs(user)
            .header("Idempotency-Key", key)
            .body("{\"scene_id\":\"" + scene + "\",\"style\":\"noir\",\"seed\":7}")
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    // other key order, whitespace, an explicit null: the same request
    for (String same :
        List.of(
            "{ \"seed\" : 7 ,\n  \"style\": \"noir\",\t\"scene_id\": \"" + scene + "\" }",
            "{\"gender\":null,\"seed\":7,\"scene_id\":\"" + scene + "\",\"style\":\"noir\"}")) {
      jsonAs(user)
          .header("Idempotency-Key", key)
          .body(same)
          .post("/v1/generations")
          .then()
          .statusCode(202)
          .body("id", equalTo(first));
    }
    // another value is another request: a conflict
    jsonAs(user)
        .header("Idempotency-Key", key)
        .body("{\"seed\":7,\"style\":\"neon\",\"scene_id\":\"" + scene + "\"}")
        .post("/v1/generations")
        .then()
        .statusCode(422)
        .contentType(PROBLEM);
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));
    // what is stored is the SHA-256 of the canonical JSON, not of a Java object's toString
    String canonical = "{\"scene_id\":\"" + scene + "\",\"seed\":7,\"style\":\"noir\"}";
    assertThat(
            GenerationFixtures.one(
                    "SELECT request_hash FROM generation_jobs WHERE user_id = $1", Tuple.of(user))
                .getString(0))
        .isEqualTo(sha256(canonical));
  }

  @Test
  void theLocationOfANewGenerationIsItsPublicAddress() {
    UUID user = GenerationFixtures.user();
    io.restassured.response.Response accepted =
        GenerationFixtures.requestGeneration(user, GenerationFixtures.scene());
    accepted.then().statusCode(202);
    String id = accepted.path("id");
    // the gateway's address (monzie.public-base-url), never the address this instance listens on
    assertThat(accepted.header("Location"))
        .isEqualTo("http://localhost:8080/v1/generations/" + id)
        .doesNotContain(":" + RestAssured.port + "/");
  }

  static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void parallelRetriesWithOneKeyCreateOneGeneration() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String key = UUID.randomUUID().toString();
    List<String> ids =
        Parallel.run(
            8,
            i ->
                jsonAs(user)
                    .header("Idempotency-Key", key)
                    .body(Map.of("scene_id", scene.toString()))
                    .post("/v1/generations")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("id"));
    assertThat(ids.stream().distinct()).hasSize(1);
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM generation_jobs WHERE user_id = $1", Tuple.of(user)))
        .isEqualTo(1);
  }

  @Test
  void unknownInactiveAndPremiumScenesAreRefusedAndReserveNothing() {
    UUID user = GenerationFixtures.user();
    requestFor(user, UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    UUID inactive = GenerationFixtures.scene(Map.of("is_active", false));
    requestFor(user, inactive).then().statusCode(404).contentType(PROBLEM);
    UUID premium = GenerationFixtures.scene(Map.of("is_premium", true));
    requestFor(user, premium)
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("type", containsString("premium-scene"));
    as(user).get("/v1/usage/today").then().body("used", equalTo(0));

    UUID member = GenerationFixtures.user();
    GenerationFixtures.profile(member, true, null, java.time.Instant.now().plusSeconds(3600), 1);
    requestFor(member, premium).then().statusCode(202);
  }

  @Test
  void invalidFieldsAre400ProblemsThatChangeNothing() {
    UUID user = GenerationFixtures.user();
    String scene = GenerationFixtures.scene().toString();
    for (Map<String, Object> body :
        List.<Map<String, Object>>of(
            Map.of(),
            Map.of("scene_id", "not-a-uuid"),
            Map.of("scene_id", scene, "gender", "other"),
            Map.of("scene_id", scene, "image_size", "huge"),
            Map.of("scene_id", scene, "aspect_ratio", "7:3"),
            Map.of("scene_id", scene, "seed", -1),
            Map.of("scene_id", scene, "seed", "abc"),
            Map.of("scene_id", scene, "unknown", 1),
            Map.of("scene_id", scene, "original_photo_url", "http://169.254.169.254/latest"),
            Map.of(
                "scene_id",
                scene,
                "original_photo_url",
                "http://localhost:8080/v1/files/users/"
                    + user
                    + "/uploads/x.jpg?expires=9&sig=x"))) {
      jsonAs(user).body(body).post("/v1/generations").then().statusCode(400).contentType(PROBLEM);
    }
    jsonAs(user).body("{\"scene_id\":").post("/v1/generations").then().statusCode(400);
    jsonAs(user)
        .header("Idempotency-Key", "spaces are not allowed")
        .body(Map.of("scene_id", scene))
        .post("/v1/generations")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    as(user).get("/v1/usage/today").then().body("used", equalTo(0));
  }

  @Test
  void anotherUsersGenerationIsNotFoundAndTokensAreRequired() {
    UUID owner = GenerationFixtures.user();
    String id =
        GenerationFixtures.requestGeneration(owner, GenerationFixtures.scene())
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    as(GenerationFixtures.user())
        .get("/v1/generations/" + id)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    as(owner).get("/v1/generations/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    RestAssured.given().get("/v1/generations/" + id).then().statusCode(401).contentType(PROBLEM);
    RestAssured.given()
        .contentType("application/json")
        .body(Map.of("scene_id", UUID.randomUUID().toString()))
        .post("/v1/generations")
        .then()
        .statusCode(401);
    RestAssured.given().get("/v1/usage/today").then().statusCode(401);
  }

  private static io.restassured.response.Response requestFor(UUID user, UUID scene) {
    return GenerationFixtures.requestGeneration(user, scene);
  }

  static byte[] fetch(String url, String contentType) {
    return GenerationFixtures.file(url)
        .then()
        .statusCode(200)
        .contentType(contentType)
        .header("Cache-Control", containsString("private"))
        .extract()
        .asByteArray();
  }
}
