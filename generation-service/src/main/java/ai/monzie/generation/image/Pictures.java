package ai.monzie.generation.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decoding, scaling and encoding with the JDK's ImageIO and Java 2D (headless; no fonts needed).
 * All of it is CPU work that blocks: callers run it on a worker thread.
 */
public final class Pictures {
  private Pictures() {}

  static {
    System.setProperty("java.awt.headless", "true");
    ImageIO.setUseCache(false); // in memory: no temp files per image
  }

  /** An image's size as its header states it. */
  public record Size(int width, int height) {
    public long pixels() {
      return (long) width * height;
    }
  }

  /**
   * Thrown before a single pixel is decoded when the header states more pixels than allowed: a few
   * kilobytes of PNG, JPEG or WebP can declare a picture that needs gigabytes once decoded.
   */
  public static final class TooManyPixels extends RuntimeException {
    private final transient Size size;

    TooManyPixels(Size size) {
      super("image of " + size.width() + "x" + size.height() + " pixels", null, false, false);
      this.size = size;
    }

    public Size size() {
      return size;
    }
  }

  /**
   * Decodes an image this service did not produce, in bounded memory. Its size is read from the
   * header (JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X) and refused with {@link TooManyPixels} above
   * {@code maxPixels}, before any pixel is read; JPEG and PNG pixels are subsampled while they are
   * read, so the decoded raster's longer side is between {@code maxSide} and {@code 2 * maxSide}
   * (the bicubic {@link #fitWithin} does the rest). The WebP plugin decodes the whole raster before
   * it subsamples: there, {@code maxPixels} alone bounds the memory (about 4 bytes a pixel).
   * Metadata is skipped. Null when no reader understands the bytes or they are damaged.
   */
  public static BufferedImage decodeWithin(byte[] bytes, long maxPixels, int maxSide) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true); // forward only, metadata ignored
        Size size = new Size(reader.getWidth(0), reader.getHeight(0));
        if (size.width() <= 0 || size.height() <= 0) {
          return null;
        }
        if (size.pixels() > maxPixels) {
          throw new TooManyPixels(size);
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int longer = Math.max(size.width(), size.height());
        int target = 2 * Math.max(1, maxSide);
        int step = (longer + target - 1) / target;
        if (step > 1) {
          param.setSourceSubsampling(step, step, 0, 0);
        }
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (TooManyPixels e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Decodes JPEG, PNG or WebP (with the TwelveMonkeys plugin); null if the bytes are none. Only for
   * images this service produced (or already checked): an upload goes through {@link
   * #decodeWithin}.
   */
  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes)); // closes its own stream
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Scales down so that the longer side is at most {@code maxSide}; smaller images unchanged. */
  public static BufferedImage fitWithin(BufferedImage image, int maxSide) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (Math.max(w, h) <= maxSide) {
      return image;
    }
    double scale = (double) maxSide / Math.max(w, h);
    return resize(
        image, Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
  }

  /**
   * Resizes with bicubic interpolation; downscaling goes in halving steps, which keeps detail that
   * one big bilinear step would alias away.
   */
  public static BufferedImage resize(BufferedImage image, int width, int height) {
    BufferedImage current = toRgb(image, hasAlpha(image));
    int w = current.getWidth();
    int h = current.getHeight();
    while (w / 2 >= width && h / 2 >= height) {
      w /= 2;
      h /= 2;
      current = draw(current, w, h);
    }
    return w == width && h == height ? current : draw(current, width, height);
  }

  public static BufferedImage thumbnail(BufferedImage image, int maxSide) {
    return fitWithin(toRgb(image, false), maxSide);
  }

  public static boolean hasAlpha(BufferedImage image) {
    return image.getColorModel().hasAlpha();
  }

  public static byte[] png(BufferedImage image) {
    return write(image, "png", null);
  }

  public static byte[] jpeg(BufferedImage image, float quality) {
    return write(toRgb(image, false), "jpeg", quality);
  }

  /** A copy in a plain RGB(A) layout, which every writer and the resampler handle. */
  public static BufferedImage toRgb(BufferedImage image, boolean alpha) {
    int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    if (image.getType() == type) {
      return image;
    }
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
    Graphics2D g = copy.createGraphics();
    try {
      if (!alpha) {
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
      }
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return copy;
  }

  private static BufferedImage draw(BufferedImage source, int width, int height) {
    BufferedImage target = new BufferedImage(width, height, source.getType());
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  private static byte[] write(BufferedImage image, String format, Float quality) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    if (!writers.hasNext()) {
      throw new IllegalStateException("no ImageIO writer for " + format);
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (quality != null && param.canWriteCompressed()) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
