package ai.monzie.generation.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PicturesTest {

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
}
