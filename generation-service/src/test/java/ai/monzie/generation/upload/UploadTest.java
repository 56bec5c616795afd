package ai.monzie.generation.upload;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.generation.image.Pictures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class UploadTest {

  static final String PROBLEM = "application/problem+json";

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

  static byte[] fetch(String url) {
    return GenerationFixtures.file(url)
        .then()
        .statusCode(200)
        .header("Content-Type", startsWith("image/"))
        .extract()
        .asByteArray();
  }
}
