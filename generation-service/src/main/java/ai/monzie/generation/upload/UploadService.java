package ai.monzie.generation.upload;

import ai.monzie.generation.PageCursor;
import ai.monzie.generation.image.Pictures;
import ai.monzie.generation.storage.FileSigner;
import ai.monzie.generation.storage.ObjectKeys;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import ai.monzie.platform.storage.ObjectStore;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * Checks an uploaded photo by its bytes, decodes it, scales it down and stores it re-encoded:
 * re-encoding also drops the metadata a phone writes into photos (location, device).
 */
@ApplicationScoped
public class UploadService {

  public static final ProblemType UNSUPPORTED_IMAGE =
      new ProblemType("unsupported-image", "Unsupported image", 415);
  public static final ProblemType TOO_LARGE =
      new ProblemType("upload-too-large", "Upload too large", 413);
  public static final ProblemType TOO_MANY_PIXELS =
      new ProblemType("image-too-large", "Image has too many pixels", 413);

  private final ObjectStore store;
  private final FileSigner signer;
  private final UploadConfig config;
  private final UploadRepository uploads;
  private final Pool pool;

  /** Decoding, scaling and encoding: CPU and memory, so a few at a time (queued, not refused). */
  private final ExecutorService decoders;

  UploadService(
      ObjectStore store,
      FileSigner signer,
      UploadConfig config,
      UploadRepository uploads,
      Pool pool) {
    this.uploads = uploads;
    this.pool = pool;
    this.store = store;
    this.signer = signer;
    this.config = config;
    this.decoders =
        Executors.newFixedThreadPool(
            config.decodeConcurrency(),
            task -> {
              Thread thread = new Thread(task, "upload-decoder");
              thread.setDaemon(true);
              return thread;
            });
  }

  @PreDestroy
  void stop() {
    decoders.shutdownNow();
  }

  void registerImagePlugins(@Observes StartupEvent event) {
    System.setProperty("java.awt.headless", "true"); // servers have no display: Java 2D headless
    ImageIO.scanForPlugins(); // the WebP reader is found through the application's class loader
  }

  /** A decoded and re-encoded image, ready to store. */
  private record Processed(byte[] bytes, String extension, String contentType, int w, int h) {}

  public Uni<Uploaded> upload(UUID user, String purpose, Path file, long size) {
    boolean avatar = "avatar".equals(purpose);
    if (purpose != null && !avatar && !"photo".equals(purpose)) {
      throw new ProblemException(
          ProblemType.VALIDATION, "purpose: must be photo or avatar", Map.of("field", "purpose"));
    }
    if (size > config.maxBytes()) {
      throw tooLarge();
    }
    int maxSide = avatar ? config.avatarMaxDimension() : config.maxDimension();
    // reading, decoding and encoding block and use the CPU and memory: the decoders' threads
    return Uni.createFrom()
        .item(() -> process(file, maxSide))
        .runSubscriptionOn(decoders)
        .flatMap(
            processed -> {
              UUID id = UUID.randomUUID();
              String key =
                  avatar
                      ? ObjectKeys.avatar(user, id, processed.extension())
                      : ObjectKeys.upload(user, id, processed.extension());
              StoredUpload row =
                  new StoredUpload(
                      id,
                      user,
                      key,
                      avatar ? "avatar" : "photo",
                      processed.contentType(),
                      processed.w(),
                      processed.h(),
                      OffsetDateTime.now(ZoneOffset.UTC));
              // the file first: a row never names a file that is not there
              return store
                  .put(key, processed.bytes(), processed.contentType())
                  .call(() -> uploads.insert(pool, row))
                  .replaceWith(Uploaded.of(row, signer.url(key)));
            });
  }

  /** The caller's uploads, newest first, with fresh signed URLs. */
  public Uni<UploadPage> list(UUID user, String limit, String cursor) {
    int size = parseLimit(limit);
    PageCursor after = PageCursor.decode(cursor);
    return uploads
        .page(pool, user, size, after)
        .map(
            rows -> {
              List<Uploaded> items = new ArrayList<>();
              for (int i = 0; i < Math.min(size, rows.size()); i++) {
                items.add(Uploaded.of(rows.get(i), signer.url(rows.get(i).objectKey())));
              }
              String next =
                  rows.size() > size
                      ? new PageCursor(rows.get(size - 1).createdAt(), rows.get(size - 1).id())
                          .encode()
                      : null;
              return new UploadPage(items, next);
            });
  }

  private int parseLimit(String limit) {
    if (limit == null) {
      return config.defaultPageSize();
    }
    try {
      int size = Integer.parseInt(limit);
      if (size >= 1 && size <= config.maxPageSize()) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.invalid(
        "limit", "must be a whole number from 1 to " + config.maxPageSize());
  }

  private Processed process(Path file, int maxSide) {
    byte[] bytes;
    try {
      if (Files.size(file) > config.maxBytes()) {
        throw tooLarge();
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (ImageFormat.sniff(bytes).isEmpty()) {
      throw new ProblemException(
          UNSUPPORTED_IMAGE, "Only JPEG, PNG and WebP images are accepted (checked by content).");
    }
    BufferedImage image;
    try {
      image = Pictures.decodeWithin(bytes, config.maxPixels(), maxSide);
    } catch (Pictures.TooManyPixels e) {
      throw new ProblemException(
          TOO_MANY_PIXELS,
          "The image is "
              + e.size().width()
              + "x"
              + e.size().height()
              + " pixels; at most "
              + config.maxPixels()
              + " pixels are accepted.",
          Map.of(
              "max_pixels", config.maxPixels(),
              "width", e.size().width(),
              "height", e.size().height()));
    }
    if (image == null) {
      throw new ProblemException(
          UNSUPPORTED_IMAGE, "The image could not be read; it may be damaged or truncated.");
    }
    BufferedImage scaled = Pictures.fitWithin(image, maxSide);
    if (Pictures.hasAlpha(scaled)) {
      return new Processed(
          Pictures.png(scaled), "png", "image/png", scaled.getWidth(), scaled.getHeight());
    }
    return new Processed(
        Pictures.jpeg(scaled, 0.9f), "jpg", "image/jpeg", scaled.getWidth(), scaled.getHeight());
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        TOO_LARGE,
        "The file is larger than " + config.maxBytes() / (1024 * 1024) + " MB.",
        Map.of("max_bytes", config.maxBytes()));
  }
}
