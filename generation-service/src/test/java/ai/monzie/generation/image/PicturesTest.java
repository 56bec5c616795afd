package ai.monzie.generation.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.monzie.generation.upload.ImageBombs;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PicturesTest {

  static final long FORTY_MEGAPIXELS = 40_000_000;

  @Test
  void aPngItWroteDecodesAgain() {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    BufferedImage back = Pictures.decode(Pictures.png(image));
    assertThat(back).isNotNull();
    assertThat(back.getWidth()).isEqualTo(40);
  }

  @Test
  void thumbnailsKeepTheAspectRatio() {
    BufferedImage image = new BufferedImage(768, 1024, BufferedImage.TYPE_INT_RGB);
    BufferedImage thumb = Pictures.thumbnail(image, 256);
    assertThat(thumb.getWidth()).isEqualTo(192);
    assertThat(thumb.getHeight()).isEqualTo(256);
  }

  @Test
  void bombsInEveryFormatAreRefusedFromTheirHeaderBeforeDecoding() {
    // 64 MP each: 256 MB as RGB; the WebP one declares 16384x16384, a gigabyte
    for (byte[] bomb :
        new byte[][] {
          ImageBombs.png(8000, 8000), ImageBombs.jpeg(8000, 8000), ImageBombs.webp(16384, 16384)
        }) {
      assertThat(bomb.length).isLessThan(16 * 1024);
      assertThatThrownBy(() -> Pictures.decodeWithin(bomb, FORTY_MEGAPIXELS, 1024))
          .isInstanceOf(Pictures.TooManyPixels.class)
          .satisfies(
              e ->
                  assertThat(((Pictures.TooManyPixels) e).size().pixels())
                      .isGreaterThanOrEqualTo(64_000_000L));
    }
  }

  @Test
  void theTestsWebpBombIsARealImage() {
    BufferedImage small = Pictures.decodeWithin(ImageBombs.webp(64, 32), FORTY_MEGAPIXELS, 1024);
    assertThat(small).isNotNull();
    assertThat(small.getWidth()).isEqualTo(64);
    assertThat(small.getHeight()).isEqualTo(32);
    assertThat((small.getRGB(10, 10) >> 16) & 0xff).isEqualTo(200);
  }

  @Test
  void aLargePictureUnderTheCapIsSubsampledWhileItIsRead() {
    // 36 MP: accepted, but decoded at most at twice the target size, never at full size
    BufferedImage read = Pictures.decodeWithin(ImageBombs.png(6000, 6000), FORTY_MEGAPIXELS, 1024);
    assertThat(read).isNotNull();
    assertThat(read.getWidth()).isEqualTo(2000).isEqualTo(read.getHeight());
    BufferedImage fitted = Pictures.fitWithin(read, 1024);
    assertThat(fitted.getWidth()).isEqualTo(1024);
  }

  @Test
  void bytesNoReaderUnderstandsAreNull() {
    assertThat(Pictures.decodeWithin("not an image".getBytes(), FORTY_MEGAPIXELS, 1024)).isNull();
  }
}
