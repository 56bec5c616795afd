package ai.monzie.generation.model;

import java.util.List;
import java.util.Map;

/** The image sizes and aspect ratios a client may ask for (fal.ai's names). */
public final class ImageSizes {
  private ImageSizes() {}

  /** fal.ai's image_size presets and their pixel sizes (width, height). */
  public static final Map<String, int[]> PRESETS =
      Map.of(
          "square_hd", new int[] {1024, 1024},
          "square", new int[] {512, 512},
          "portrait_4_3", new int[] {768, 1024},
          "portrait_16_9", new int[] {576, 1024},
          "landscape_4_3", new int[] {1024, 768},
          "landscape_16_9", new int[] {1024, 576});

  /** The aspect ratios of the photo-editing model (the real app's default was 9:16). */
  public static final List<String> ASPECT_RATIOS =
      List.of("9:16", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3");

  public static boolean isPreset(String size) {
    return PRESETS.containsKey(size);
  }

  public static boolean isAspectRatio(String ratio) {
    return ASPECT_RATIOS.contains(ratio);
  }

  /** Width and height for an aspect ratio, the longer side {@code longSide} pixels. */
  public static int[] forAspectRatio(String ratio, int longSide) {
    String[] parts = ratio.split(":");
    double w = Double.parseDouble(parts[0]);
    double h = Double.parseDouble(parts[1]);
    return w >= h
        ? new int[] {longSide, (int) Math.round(longSide * h / w)}
        : new int[] {(int) Math.round(longSide * w / h), longSide};
  }
}
