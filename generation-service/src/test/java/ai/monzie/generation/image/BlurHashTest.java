package ai.monzie.generation.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * Expected hashes are the output of the reference encoder (npm {@code blurhash} 2.0.5). That one
 * scales AC components by their largest signed value where Wolt's C and Swift encoders (and this
 * one) take the largest absolute value; the pictures here are chosen so that both agree. Channels
 * below 0 are clamped to 0, as the reference's Uint8ClampedArray does.
 */
class BlurHashTest {

  @Test
  void gradientMatchesTheReferenceEncoder() {
    BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 32; x++) {
        image.setRGB(
            x, y, (255 - x * 8) << 16 | (255 - y * 10) << 8 | Math.max(0, 255 - (x + y) * 5));
      }
    }
    assertEquals("L;Hx~4}0$8xHqCohjukCgffkfQfk", BlurHash.encode(image));
  }

  @Test
  void flatColourMatchesTheReferenceEncoder() {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        image.setRGB(x, y, 200 << 16 | 30 << 8 | 90);
      }
    }
    assertEquals("LlM^#v|zfQ|z|zw|fQw|fQfQfQfQ", BlurHash.encode(image));
  }
}
