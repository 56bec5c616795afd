package ai.monzie.generation.upload;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.generation.image.Pictures;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class UploadTest {

  static final String PROBLEM = "application/problem+json";

  @TestHTTPResource("/v1/uploads")
  URI uploads;

  /** A 1x1 lossless WebP. */
  static final byte[] WEBP =
      Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  @Test
  void aLargeJpegIsScaledDownToAtMost1024PixelsAndStoredUnderTheUsersPrefix() {
    UUID user = GenerationFixtures.user();
    JsonPath answer =
        as(user)
            .multiPart("file", "holiday.jpg", UploadFixtures.jpeg(2000, 1500), "image/jpeg")
            .post("/v1/uploads")
            .then()
            .statusCode(201)
            .body("url", containsString("/v1/files/users/" + user + "/uploads/"))
            .body("content_type", equalTo("image/jpeg"))
            .body("width", equalTo(1024))
            .body("height", equalTo(768))
            .extract()
            .jsonPath();
    BufferedImage stored = Pictures.decode(fetch(answer.getString("url")));
    assertThat(stored.getWidth()).isEqualTo(1024);
    assertThat(stored.getHeight()).isEqualTo(768);
  }

  @Test
  void pngAndWebpAreAcceptedByTheirBytesWhateverTheirName() {
    UUID user = GenerationFixtures.user();
    BufferedImage alpha = new BufferedImage(64, 32, BufferedImage.TYPE_INT_ARGB);
    as(user)
        .multiPart("file", "photo.jpg", Pictures.png(alpha), "image/jpeg")
        .post("/v1/uploads")
        .then()
        .statusCode(201)
        .body("content_type", equalTo("image/png"))
        .body("url", containsString(".png?"));
    as(user)
        .multiPart("file", "photo.bin", WEBP, "application/octet-stream")
        .post("/v1/uploads")
        .then()
        .statusCode(201)
        .body("width", equalTo(1))
        .body("url", containsString("/uploads/"));
    as(user)
        .multiPart("file", "me.jpg", UploadFixtures.jpeg(800, 800), "image/jpeg")
        .multiPart("purpose", "avatar")
        .post("/v1/uploads")
        .then()
        .statusCode(201)
        .body("purpose", equalTo("avatar"))
        .body("width", equalTo(512))
        .body("url", containsString("/avatars/"));
  }

  @Test
  void aTextFileNamedPngAndAnOversizeFileAreRefused() {
    UUID user = GenerationFixtures.user();
    as(user)
        .multiPart("file", "cat.png", "this is not a picture".getBytes(), "image/png")
        .post("/v1/uploads")
        .then()
        .statusCode(415)
        .contentType(PROBLEM)
        .body("detail", containsString("JPEG, PNG and WebP"));
    byte[] truncated = java.util.Arrays.copyOf(UploadFixtures.jpeg(200, 200), 40);
    as(user)
        .multiPart("file", "cut.jpg", truncated, "image/jpeg")
        .post("/v1/uploads")
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
    byte[] big = new byte[10 * 1024 * 1024 + 1];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;
    as(user)
        .multiPart("file", "huge.jpg", big, "image/jpeg")
        .post("/v1/uploads")
        .then()
        .statusCode(413)
        .contentType(PROBLEM);
    as(user)
        .multiPart("purpose", "photo")
        .post("/v1/uploads")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    as(user)
        .multiPart("file", "me.jpg", UploadFixtures.jpeg(10, 10), "image/jpeg")
        .multiPart("purpose", "banner")
        .post("/v1/uploads")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    RestAssured.given()
        .multiPart("file", "me.jpg", UploadFixtures.jpeg(10, 10), "image/jpeg")
        .post("/v1/uploads")
        .then()
        .statusCode(401);
  }

  @Test
  void aGenerationMayUseOnlyTheUsersOwnUploads() {
    UUID owner = GenerationFixtures.user();
    UUID other = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String ownersPhoto = UploadFixtures.uploadJpeg(owner);
    GenerationFixtures.jsonAs(other)
        .body(Map.of("scene_id", scene.toString(), "original_photo_url", ownersPhoto))
        .post("/v1/generations")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("original_photo_url"));
    // an avatar is not a generation input either
    String avatar =
        as(owner)
            .multiPart("file", "a.jpg", UploadFixtures.jpeg(50, 50), "image/jpeg")
            .multiPart("purpose", "avatar")
            .post("/v1/uploads")
            .then()
            .statusCode(201)
            .extract()
            .path("url");
    GenerationFixtures.jsonAs(owner)
        .body(Map.of("scene_id", scene.toString(), "original_photo_url", avatar))
        .post("/v1/generations")
        .then()
        .statusCode(400);
    var done =
        GenerationFixtures.generate(
            owner,
            Map.of(
                "scene_id",
                scene.toString(),
                "original_photo_url",
                ownersPhoto,
                "aspect_ratio",
                "1:1"));
    assertThat(done.getString("status")).isEqualTo("succeeded");
    assertThat(done.getInt("image.width")).isEqualTo(done.getInt("image.height"));
    assertThat(done.getString("image.original_photo_url"))
        .startsWith("http://localhost:8080/v1/files/users/" + owner + "/uploads/");
    as(owner).get("/v1/usage/today").then().body("used", equalTo(1));
    as(other).get("/v1/usage/today").then().body("used", equalTo(0));
  }

  @Test
  void decompressionBombsAreRefusedFromTheirHeaderAndNothingIsStored() {
    UUID user = GenerationFixtures.user();
    // each a few KB declaring 64 MP or more: 256 MB and up once decoded (an OutOfMemoryError)
    Map<String, byte[]> bombs =
        Map.of(
            "bomb.png", ImageBombs.png(8000, 8000),
            "bomb.jpg", ImageBombs.jpeg(8000, 8000),
            "bomb.webp", ImageBombs.webp(16384, 16384));
    bombs.forEach(
        (name, bomb) ->
            as(user)
                .multiPart("file", name, bomb, "application/octet-stream")
                .post("/v1/uploads")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", endsWith("/image-too-large"))
                .body("max_pixels", equalTo(40_000_000))
                .body("width", greaterThanOrEqualTo(8000)));
    assertThat(storedFilesOf(user)).isZero();
    // a big picture under the cap is read subsampled and stored scaled down, as any photo
    as(user)
        .multiPart("file", "big.png", ImageBombs.png(6000, 6000), "image/png")
        .post("/v1/uploads")
        .then()
        .statusCode(201)
        .body("width", equalTo(1024))
        .body("height", equalTo(1024));
    assertThat(storedFilesOf(user)).isEqualTo(1);
  }

  @Test
  void brokenMultipartBodiesAreBadRequests() throws Exception {
    UUID user = GenerationFixtures.user();
    String token = TestInfra.token("authenticated", user.toString());
    String part =
        "Content-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n";
    Map<String, String[]> bodies =
        Map.of(
            // the body's delimiter is not the declared boundary
            "other boundary",
            new String[] {
              "multipart/form-data; boundary=abc", "--xyz\r\n" + part + "x\r\n--xyz--\r\n"
            },
            // cut off inside the file part, no closing delimiter
            "truncated",
            new String[] {
              "multipart/form-data; boundary=abc", "--abc\r\n" + part + "\u00ff\u00d8\u00ff"
            },
            // no boundary parameter at all
            "no boundary",
            new String[] {"multipart/form-data", "--abc\r\n" + part + "x\r\n--abc--\r\n"},
            // a part without its blank line and headers that are not headers
            "broken part headers",
            new String[] {
              "multipart/form-data; boundary=abc", "--abc\r\nnot a header\r\n--abc--\r\n"
            },
            // well-formed, but the file part is missing
            "missing part",
            new String[] {"multipart/form-data; boundary=abc", "--abc--\r\n"});
    HttpClient http = HttpClient.newHttpClient();
    Map<String, String> answers = new java.util.TreeMap<>();
    for (var body : bodies.entrySet()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uploads)
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", body.getValue()[0])
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          body.getValue()[1].getBytes(StandardCharsets.ISO_8859_1)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      answers.put(
          body.getKey(),
          response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse(""));
    }
    assertThat(answers)
        .allSatisfy((name, answer) -> assertThat(answer).startsWith("400 " + PROBLEM));
    assertThat(storedFilesOf(user)).isZero();
  }

  /** How many objects the user has (counted by deleting them: the user is the test's own). */
  static int storedFilesOf(UUID user) {
    return Arc.container()
        .instance(ObjectStore.class)
        .get()
        .deletePrefix("users/" + user + "/")
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  static byte[] fetch(String url) {
    return GenerationFixtures.file(url)
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("image/"))
        .extract()
        .asByteArray();
  }
}
