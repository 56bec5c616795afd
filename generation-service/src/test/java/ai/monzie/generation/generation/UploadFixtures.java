package ai.monzie.generation.generation;

import static ai.monzie.generation.GenerationFixtures.as;

import ai.monzie.platform.storage.ObjectStore;
import io.quarkus.arc.Arc;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;

/** Uploads made through the API, for tests that need a photo. */
public final class UploadFixtures {
  private UploadFixtures() {}

  public static byte[] jpeg(int width, int height) {
    try {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          image.setRGB(x, y, ((x * 255 / width) << 16) | ((y * 255 / height) << 8) | 128);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpeg", out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Uploads a 300x400 JPEG photo and returns the signed URL the API answered. */
  public static String uploadJpeg(UUID user) {
    return as(user)
        .multiPart("file", "me.jpg", jpeg(300, 400), "image/jpeg")
        .post("/v1/uploads")
        .then()
        .statusCode(201)
        .extract()
        .path("url");
  }

  public static String keyOf(String url) {
    return URI.create(url).getPath().substring("/v1/files/".length());
  }

  /** Overwrites the stored object with bytes no decoder reads. */
  public static void corrupt(String url) {
    Arc.container()
        .instance(ObjectStore.class)
        .get()
        .put(keyOf(url), "not an image".getBytes(), "image/jpeg")
        .await()
        .atMost(Duration.ofSeconds(10));
  }
}
