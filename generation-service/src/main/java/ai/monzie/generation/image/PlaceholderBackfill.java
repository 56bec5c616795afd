package ai.monzie.generation.image;

import ai.monzie.platform.storage.ObjectStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Gives images stored before BlurHashes existed their size and hash, from their stored files: the
 * hash from the lossless image thumbnailed as the worker does (so it equals the hash the worker
 * stores), from the stored JPEG thumbnail only when the image is gone. It runs on every instance
 * every {@code monzie.images.backfill-interval}; two instances on the same row write the same
 * values, so no lock is needed. A row whose files are gone stays as it is and is logged.
 */
@ApplicationScoped
public class PlaceholderBackfill {

  private static final Logger LOG = Logger.getLogger(PlaceholderBackfill.class);
  private static final int BATCH = 20;

  private final Pool pool;
  private final ImageRepository images;
  private final ObjectStore store;
  private final ImagesConfig config;

  PlaceholderBackfill(Pool pool, ImageRepository images, ObjectStore store, ImagesConfig config) {
    this.pool = pool;
    this.images = images;
    this.store = store;
    this.config = config;
  }

  @Scheduled(
      every = "${monzie.images.backfill-interval}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return run()
        .onFailure()
        .invoke(e -> LOG.warnf("placeholder backfill stopped: %s", e.toString()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** One pass over every image without a placeholder; the number of images filled. */
  public Uni<Integer> run() {
    return pass(null, 0);
  }

  private Uni<Integer> pass(UUID after, int filled) {
    return images
        .withoutPlaceholder(pool, after, BATCH)
        .flatMap(
            batch -> {
              if (batch.isEmpty()) {
                return Uni.createFrom().item(filled);
              }
              UUID last = batch.get(batch.size() - 1).id();
              return Multi.createFrom()
                  .iterable(batch)
                  .onItem()
                  .transformToUniAndConcatenate(this::fill)
                  .collect()
                  .asList()
                  .flatMap(done -> pass(last, filled + count(done)));
            });
  }

  private static int count(List<Boolean> done) {
    return (int) done.stream().filter(Boolean::booleanValue).count();
  }

  private Uni<Boolean> fill(GeneratedImage image) {
    // the thumbnail is read only when the image itself is gone (the hash comes from the image)
    return store
        .get(image.imageKey())
        .flatMap(
            full ->
                full.isPresent() || image.thumbnailKey() == null
                    ? Uni.createFrom()
                        .item(Tuple2.of(full, Optional.<ObjectStore.StoredObject>empty()))
                    : store.get(image.thumbnailKey()).map(thumb -> Tuple2.of(full, thumb)))
        .emitOn(Infrastructure.getDefaultWorkerPool()) // decoding and hashing are CPU work
        .map(files -> placeholder(image, files.getItem1(), files.getItem2()))
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                LOG.warnf("image %s: its files are gone, no placeholder", image.id());
                return Uni.createFrom().item(false);
              }
              Placeholder p = found.get();
              return images
                  .setPlaceholder(pool, image.id(), p.width(), p.height(), p.blurhash())
                  .replaceWith(true);
            });
  }

  private record Placeholder(int width, int height, String blurhash) {}

  private Optional<Placeholder> placeholder(
      GeneratedImage image,
      Optional<ObjectStore.StoredObject> full,
      Optional<ObjectStore.StoredObject> thumb) {
    BufferedImage picture = full.map(o -> Pictures.decode(o.bytes())).orElse(null);
    // the hash comes from the lossless original, thumbnailed as the worker does, so a backfilled
    // hash equals the one the worker would have stored; the JPEG thumbnail only when it is gone
    BufferedImage small =
        picture != null
            ? Pictures.thumbnail(picture, config.thumbnailSize())
            : thumb.map(o -> Pictures.decode(o.bytes())).orElse(null);
    Integer width =
        image.width() != null ? image.width() : picture == null ? null : picture.getWidth();
    Integer height =
        image.height() != null ? image.height() : picture == null ? null : picture.getHeight();
    if (small == null || width == null || height == null) {
      return Optional.empty();
    }
    return Optional.of(new Placeholder(width, height, BlurHash.of(small)));
  }
}
