package ai.monzie.generation.image;

import ai.monzie.generation.PageCursor;
import ai.monzie.generation.storage.FileSigner;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** History and favorites: every change and its event are written in one transaction. */
@ApplicationScoped
public class ImageService {

  private static final Logger LOG = Logger.getLogger(ImageService.class);

  private final Pool pool;
  private final ImageRepository images;
  private final OutboxWriter outbox;
  private final ObjectStore store;
  private final FileSigner signer;
  private final ImagesConfig config;

  ImageService(
      Pool pool,
      ImageRepository images,
      OutboxWriter outbox,
      ObjectStore store,
      FileSigner signer,
      ImagesConfig config) {
    this.pool = pool;
    this.images = images;
    this.outbox = outbox;
    this.store = store;
    this.signer = signer;
    this.config = config;
  }

  public Uni<ImagePage> history(UUID user, String favorite, String limit, String cursor) {
    Boolean favoriteFilter = parseFavorite(favorite);
    int size = parseLimit(limit);
    PageCursor after = PageCursor.decode(cursor);
    return images
        .page(pool, user, favoriteFilter, size, after)
        .map(
            rows -> {
              List<ImageView> items = new ArrayList<>();
              for (int i = 0; i < Math.min(size, rows.size()); i++) {
                items.add(ImageView.of(rows.get(i), signer));
              }
              String next =
                  rows.size() > size
                      ? new PageCursor(rows.get(size - 1).createdAt(), rows.get(size - 1).id())
                          .encode()
                      : null;
              return new ImagePage(items, next);
            });
  }

  public Uni<ImageView> get(UUID user, UUID id) {
    return images
        .find(pool, user, id)
        .map(
            found ->
                ImageView.of(found.orElseThrow(() -> new ImageNotFound(id.toString())), signer));
  }

  /** Sets the favorite flag; publishes image.favorited/unfavorited only when it changes. */
  public Uni<ImageView> setFavorite(UUID user, UUID id, boolean favorite) {
    return pool.withTransaction(
            tx ->
                images
                    .setFavorite(tx, user, id, favorite)
                    .map(found -> found.orElseThrow(() -> new ImageNotFound(id.toString())))
                    .call(
                        change ->
                            change.changed()
                                ? outbox.append(
                                    tx,
                                    new ImageFavoriteChanged(
                                        id,
                                        user,
                                        change.image().sceneId(),
                                        Instant.now(),
                                        favorite))
                                : Uni.createFrom().voidItem()))
        .map(change -> ImageView.of(change.image(), signer));
  }

  /** Deletes the row with its image.deleted event, then the files (a failure there only logs). */
  public Uni<Void> delete(UUID user, UUID id) {
    return pool.withTransaction(
            tx ->
                images
                    .delete(tx, user, id)
                    .map(found -> found.orElseThrow(() -> new ImageNotFound(id.toString())))
                    .call(image -> outbox.append(tx, ImageDeleted.of(image))))
        .call(
            image ->
                store
                    .delete(keysOf(image))
                    .onFailure()
                    .invoke(e -> LOG.warnf("files of deleted image %s remain: %s", id, e))
                    .onFailure()
                    .recoverWithNull())
        .replaceWithVoid();
  }

  private static List<String> keysOf(GeneratedImage image) {
    List<String> keys = new ArrayList<>();
    keys.add(image.imageKey());
    if (image.thumbnailKey() != null) {
      keys.add(image.thumbnailKey());
    }
    return keys;
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

  private static Boolean parseFavorite(String favorite) {
    if (favorite == null || favorite.isBlank()) {
      return null;
    }
    return switch (favorite) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ProblemException.invalid("favorite", "must be true or false");
    };
  }
}
