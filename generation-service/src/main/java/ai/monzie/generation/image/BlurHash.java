package ai.monzie.generation.image;

import java.awt.image.BufferedImage;

/**
 * A BlurHash (Wolt's algorithm, https://blurha.sh): a few dozen characters from which a client
 * draws a blurred placeholder before the image arrives. No library for it is on Maven Central in a
 * well-kept state, and the encoder is this one page; {@code BlurHashTest} checks it against the
 * reference implementation's output.
 */
public final class BlurHash {
  private BlurHash() {}

  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

  /** Sides of the picture the hash is computed from: a placeholder has no detail to lose. */
  private static final int SAMPLE_SIDE = 32;

  /** The hash of a thumbnail (any size), computed from a 32 px copy of it. */
  public static String of(BufferedImage thumbnail) {
    return encode(Pictures.fitWithin(Pictures.toRgb(thumbnail, false), SAMPLE_SIDE));
  }

  /** Components across and down: 4x3 suits portraits and landscapes alike (28 characters). */
  public static String encode(BufferedImage image) {
    return encode(image, 4, 3);
  }

  public static String encode(BufferedImage image, int componentsX, int componentsY) {
    int width = image.getWidth();
    int height = image.getHeight();
    int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
    double[][] factors = new double[componentsX * componentsY][];
    for (int j = 0; j < componentsY; j++) {
      for (int i = 0; i < componentsX; i++) {
        factors[j * componentsX + i] = basis(rgb, width, height, i, j);
      }
    }
    StringBuilder hash = new StringBuilder();
    append(hash, (componentsX - 1) + (componentsY - 1) * 9, 1);
    double maximum = 0;
    for (int k = 1; k < factors.length; k++) {
      for (double v : factors[k]) {
        maximum = Math.max(maximum, Math.abs(v));
      }
    }
    int quantisedMaximum = 0;
    if (factors.length > 1) {
      quantisedMaximum = (int) Math.max(0, Math.min(82, Math.floor(maximum * 166 - 0.5)));
      maximum = (quantisedMaximum + 1) / 166.0;
    } else {
      maximum = 1;
    }
    append(hash, quantisedMaximum, 1);
    double[] dc = factors[0];
    append(hash, (toSrgb(dc[0]) << 16) + (toSrgb(dc[1]) << 8) + toSrgb(dc[2]), 4);
    for (int k = 1; k < factors.length; k++) {
      double[] ac = factors[k];
      append(
          hash,
          quantise(ac[0], maximum) * 19 * 19
              + quantise(ac[1], maximum) * 19
              + quantise(ac[2], maximum),
          2);
    }
    return hash.toString();
  }

  private static double[] basis(int[] rgb, int width, int height, int i, int j) {
    double r = 0;
    double g = 0;
    double b = 0;
    double normalisation = (i == 0 && j == 0) ? 1 : 2;
    for (int y = 0; y < height; y++) {
      double cosY = Math.cos(Math.PI * j * y / height);
      for (int x = 0; x < width; x++) {
        double weight = normalisation * Math.cos(Math.PI * i * x / width) * cosY;
        int pixel = rgb[y * width + x];
        r += weight * toLinear((pixel >> 16) & 0xff);
        g += weight * toLinear((pixel >> 8) & 0xff);
        b += weight * toLinear(pixel & 0xff);
      }
    }
    double scale = 1.0 / (width * height);
    return new double[] {r * scale, g * scale, b * scale};
  }

  private static int quantise(double value, double maximum) {
    return (int) Math.max(0, Math.min(18, Math.floor(signPow(value / maximum, 0.5) * 9 + 9.5)));
  }

  private static double signPow(double value, double exponent) {
    return Math.copySign(Math.pow(Math.abs(value), exponent), value);
  }

  private static double toLinear(int value) {
    double v = value / 255.0;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }

  private static int toSrgb(double value) {
    double v = Math.max(0, Math.min(1, value));
    return v <= 0.0031308
        ? (int) (v * 12.92 * 255 + 0.5)
        : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
  }

  private static void append(StringBuilder hash, int value, int length) {
    for (int i = 1; i <= length; i++) {
      int digit = (value / (int) Math.pow(83, length - i)) % 83;
      hash.append(DIGITS.charAt(digit));
    }
  }
}
