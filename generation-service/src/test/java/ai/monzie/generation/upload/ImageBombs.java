package ai.monzie.generation.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.ImageIO;

/**
 * Decompression bombs, made by the test: a few kilobytes (or bytes) that declare a picture whose
 * decoded pixels need hundreds of megabytes or more.
 */
public final class ImageBombs {
  private ImageBombs() {}

  /** A real, valid 1-bit PNG: all zero rows deflate to almost nothing (8000x8000 is ~8 KB). */
  public static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A small real JPEG whose frame header (SOF0) is rewritten to declare width x height: the decoder
   * allocates the declared raster and fills what the data does not cover.
   */
  public static byte[] jpeg(int width, int height) {
    BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = out.toByteArray();
    for (int i = 2; i + 8 < bytes.length; i++) {
      if ((bytes[i] & 0xff) == 0xFF && (bytes[i + 1] & 0xff) == 0xC0) {
        // FFC0, length (2), precision (1), height (2), width (2)
        bytes[i + 5] = (byte) (height >> 8);
        bytes[i + 6] = (byte) height;
        bytes[i + 7] = (byte) (width >> 8);
        bytes[i + 8] = (byte) width;
        return bytes;
      }
    }
    throw new IllegalStateException("the JDK wrote a JPEG without a baseline frame header");
  }

  /**
   * A valid lossless WebP (VP8L) of one colour: no transforms, no colour cache and five prefix
   * codes of one symbol each, so every pixel costs zero bits and the file is a few dozen bytes
   * whatever the declared size (at most 16384x16384).
   */
  public static byte[] webp(int width, int height) {
    Bits bits = new Bits();
    bits.write(0x2f, 8); // VP8L signature
    bits.write(width - 1, 14);
    bits.write(height - 1, 14);
    bits.write(0, 1); // alpha not used
    bits.write(0, 3); // version 0
    bits.write(0, 1); // no transform
    bits.write(0, 1); // no colour cache
    bits.write(0, 1); // no meta prefix codes
    simpleCode(bits, 0); // green: literal 0
    simpleCode(bits, 200); // red
    simpleCode(bits, 100); // blue
    simpleCode(bits, 255); // alpha
    simpleCode(bits, 0); // distance
    // zero bytes after the last field: the plugin's bit reader reads ahead 8 bytes at a time
    byte[] vp8l = java.util.Arrays.copyOf(bits.bytes(), bits.bytes().length + 8);
    int padded = vp8l.length + (vp8l.length & 1);
    ByteBuffer riff = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
    riff.put("RIFF".getBytes()).putInt(12 + padded).put("WEBP".getBytes());
    riff.put("VP8L".getBytes()).putInt(vp8l.length).put(vp8l);
    return riff.array();
  }

  /** A "simple" prefix code with one symbol: it is decoded without reading a bit. */
  private static void simpleCode(Bits bits, int symbol) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    if (symbol < 2) {
      bits.write(0, 1); // a 1-bit symbol
      bits.write(symbol, 1);
    } else {
      bits.write(1, 1); // an 8-bit symbol
      bits.write(symbol, 8);
    }
  }

  /** VP8L packs its fields least significant bit first. */
  private static final class Bits {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int used;

    void write(int value, int count) {
      for (int i = 0; i < count; i++) {
        current |= ((value >> i) & 1) << used;
        if (++used == 8) {
          out.write(current);
          current = 0;
          used = 0;
        }
      }
    }

    byte[] bytes() {
      if (used > 0) {
        out.write(current);
        current = 0;
        used = 0;
      }
      return out.toByteArray();
    }
  }
}
