package ai.monzie.generation.worker;

import ai.monzie.generation.image.BlurHash;
import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.generation.image.ImagesConfig;
import ai.monzie.generation.image.LowPriorityThreads;
import ai.monzie.generation.image.Pictures;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.model.ModelOutput;
import ai.monzie.generation.storage.ObjectKeys;
import ai.monzie.platform.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A model's output as files: the PNG and its JPEG thumbnail in the object store, and the image row
 * that names them (inserted by {@link JobOutcomes#succeed} in the job's final transaction).
 */
@ApplicationScoped
public class ResultStore {

  private final ObjectStore store;
  private final ImagesConfig images;

  private final ThreadPoolExecutor thumbnails;

  ResultStore(ObjectStore store, ImagesConfig images) {
    this.store = store;
    this.images = images;
    // unbounded: what waits here is bounded by the job worker's own concurrency
    this.thumbnails =
        LowPriorityThreads.pool(
            "thumbnail",
            images.thumbnailThreads(),
            images.thumbnailNice(),
            new LinkedBlockingQueue<>());
  }

  @PreDestroy
  void stop() {
    thumbnails.shutdownNow();
  }

  /**
   * Stores the image and its thumbnail; the thumbnail and its BlurHash are made on a low-priority
   * thread of this store's own (CPU no request waits on: not the worker pool requests share).
   */
  Uni<GeneratedImage> store(Job job, ModelOutput output, float seconds) {
    UUID imageId = UUID.randomUUID();
    String imageKey = ObjectKeys.image(job.userId(), imageId);
    String thumbKey = ObjectKeys.thumbnail(job.userId(), imageId);
    return Uni.createFrom()
        .item(
            () -> {
              BufferedImage thumb =
                  Pictures.thumbnail(Pictures.decode(output.png()), images.thumbnailSize());
              return new Thumbnail(Pictures.jpeg(thumb, 0.85f), BlurHash.of(thumb));
            })
        .runSubscriptionOn(thumbnails)
        .call(thumb -> store.put(thumbKey, thumb.jpeg(), "image/jpeg"))
        .call(() -> store.put(imageKey, output.png(), "image/png"))
        .map(
            thumb ->
                new GeneratedImage(
                    imageId,
                    job.userId(),
                    job.id(),
                    job.scene().id(),
                    job.scene().name(),
                    job.scene().category(),
                    imageKey,
                    thumbKey,
                    job.isEnhance() ? null : job.originalPhotoKey(),
                    job.sourceImageId(),
                    job.render().prompt(),
                    job.render().negativePrompt(),
                    false,
                    job.isEnhance(),
                    seconds,
                    job.render().model(),
                    job.render().imageSize(),
                    job.render().aspectRatio(),
                    output.seed() == null ? job.render().seed() : output.seed(),
                    output.width(),
                    output.height(),
                    thumb.blurhash(),
                    OffsetDateTime.now(ZoneOffset.UTC)));
  }

  private record Thumbnail(byte[] jpeg, String blurhash) {}

  /** Removes the files of an image that was not kept (another worker finished the job). */
  Uni<Void> discard(GeneratedImage image) {
    return store.delete(List.of(image.imageKey(), image.thumbnailKey())).replaceWithVoid();
  }
}
