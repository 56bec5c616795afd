package ai.monzie.generation.model;

import ai.monzie.generation.image.LowPriorityThreads;
import ai.monzie.generation.image.Pictures;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The embedded model: renders a real PNG on the CPU, deterministic from prompt + seed + size, in
 * tens of milliseconds, so the product runs with no account and no network. A photo is blended with
 * the prompt's pattern; an enhancement is a 2x bicubic upscale.
 */
@ApplicationScoped
public class LocalImageModel implements ImageModel {

  public static final String PROVIDER = "local";
  static final int MAX_SIDE = 2048;

  /**
   * Renders wait here for a render thread; the job worker's own concurrency bounds it in practice,
   * and past it a job is retried later rather than queued without end.
   */
  static final int QUEUE_CAPACITY = 32;

  private final ThreadPoolExecutor renders;

  @Inject
  public LocalImageModel(LocalModelConfig config) {
    this(config.maxConcurrentRenders(), config.renderNice());
  }

  LocalImageModel(int maxConcurrentRenders, int renderNice) {
    this.renders =
        LowPriorityThreads.pool(
            "local-model-render",
            maxConcurrentRenders,
            renderNice,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY));
  }

  @PreDestroy
  void stop() {
    renders.shutdownNow();
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public String modelFor(Task task) {
    return PROVIDER;
  }

  @Override
  public Uni<ModelOutput> generate(ModelInput input) {
    // CPU-bound rendering and PNG encoding: the model's own few low-priority threads, never the
    // event loop nor the worker pool the request path's blocking work shares
    return Uni.createFrom()
        .item(() -> render(input))
        .runSubscriptionOn(
            task -> {
              try {
                renders.execute(task);
              } catch (RejectedExecutionException full) {
                throw new ModelFailure(
                    ModelFailure.Reason.RATE_LIMITED, true, "The local model is busy.");
              }
            });
  }

  ModelOutput render(ModelInput input) {
    BufferedImage image =
        switch (input.task()) {
          case TEXT_TO_IMAGE -> {
            int[] size = ImageSizes.PRESETS.get(input.imageSize());
            yield pattern(input.prompt(), input.seed(), size[0], size[1]);
          }
          case PHOTO_EDIT -> restyle(photo(input), input);
          case ENHANCE -> {
            BufferedImage source = photo(input);
            // 2x, but never past MAX_SIDE: enhancing an enhanced image must not grow without end
            double scale =
                Math.min(2.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
            scale = Math.max(1.0, scale);
            yield Pictures.resize(
                source,
                (int) Math.round(source.getWidth() * scale),
                (int) Math.round(source.getHeight() * scale));
          }
        };
    return new ModelOutput(Pictures.png(image), image.getWidth(), image.getHeight(), input.seed());
  }

  /** Coloured blobs with contour bands over a gradient, every parameter drawn from the hash. */
  static BufferedImage pattern(String prompt, int seed, int width, int height) {
    SplittableRandom random = new SplittableRandom(hash(prompt, seed, width, height));
    int[] top = color(random);
    int[] bottom = color(random);
    int blobs = 3 + random.nextInt(4);
    float[] bx = new float[blobs];
    float[] by = new float[blobs];
    float[] br = new float[blobs];
    int[][] colors = new int[blobs][];
    for (int i = 0; i < blobs; i++) {
      bx[i] = (float) (random.nextDouble() * width);
      by[i] = (float) (random.nextDouble() * height);
      float r = (float) ((0.05 + random.nextDouble() * 0.2) * Math.max(width, height));
      br[i] = r * r;
      colors[i] = color(random);
    }
    float bands = 3 + random.nextInt(6);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    // drawn straight into the image's own buffer: a second 4 MB array per render would only feed
    // the garbage collector, whose pauses the request path on the same JVM shares
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      float gradient = (float) y / height;
      float baseR = top[0] + (bottom[0] - top[0]) * gradient;
      float baseG = top[1] + (bottom[1] - top[1]) * gradient;
      float baseB = top[2] + (bottom[2] - top[2]) * gradient;
      for (int x = 0; x < width; x++) {
        float weight = 0.15f;
        float r = baseR * weight;
        float g = baseG * weight;
        float b = baseB * weight;
        float field = 0;
        for (int i = 0; i < blobs; i++) {
          float dx = x - bx[i];
          float dy = y - by[i];
          float w = br[i] / (dx * dx + dy * dy + br[i]);
          field += w;
          w = w * w * w;
          weight += w;
          r += colors[i][0] * w;
          g += colors[i][1] * w;
          b += colors[i][2] * w;
        }
        float band = field * bands;
        float shade = 0.8f + 0.2f * Math.abs(2 * (band - (int) band) - 1); // contour lines
        pixels[y * width + x] =
            (clamp(r / weight * shade) << 16)
                | (clamp(g / weight * shade) << 8)
                | clamp(b / weight * shade);
      }
    }
    return image;
  }

  private static int[] color(SplittableRandom random) {
    return new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
  }

  private static int clamp(float value) {
    return Math.max(0, Math.min(255, Math.round(value)));
  }

  /** The photo, cropped to the requested aspect ratio and tinted by the prompt's pattern. */
  private static BufferedImage restyle(BufferedImage photo, ModelInput input) {
    int[] size =
        ImageSizes.forAspectRatio(
            input.aspectRatio(), Math.min(1024, Math.max(photo.getWidth(), photo.getHeight())));
    BufferedImage cropped = cover(photo, size[0], size[1]);
    BufferedImage tint = pattern(input.prompt(), input.seed(), size[0], size[1]);
    BufferedImage out = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size[1]; y++) {
      for (int x = 0; x < size[0]; x++) {
        int p = cropped.getRGB(x, y);
        int q = tint.getRGB(x, y);
        int r = mix((p >> 16) & 255, (q >> 16) & 255, 0.35f);
        int g = mix((p >> 8) & 255, (q >> 8) & 255, 0.35f);
        int b = mix(p & 255, q & 255, 0.35f);
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  /** Scales to cover width x height and crops the centre. */
  private static BufferedImage cover(BufferedImage image, int width, int height) {
    double scale = Math.max((double) width / image.getWidth(), (double) height / image.getHeight());
    int w = Math.max(width, (int) Math.ceil(image.getWidth() * scale));
    int h = Math.max(height, (int) Math.ceil(image.getHeight() * scale));
    BufferedImage scaled = Pictures.resize(image, w, h);
    return scaled.getSubimage((w - width) / 2, (h - height) / 2, width, height);
  }

  private static BufferedImage photo(ModelInput input) {
    BufferedImage photo = input.inputImage() == null ? null : Pictures.decode(input.inputImage());
    if (photo == null) {
      throw new ModelFailure(
          ModelFailure.Reason.INPUT_MISSING, false, "The input image could not be read.");
    }
    return Pictures.toRgb(photo, false);
  }

  private static int mix(int from, int to, float t) {
    return Math.round(from + (to - from) * t);
  }

  private static long hash(String prompt, int seed, int width, int height) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (prompt + "\n" + seed + "\n" + width + "x" + height)
                      .getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
