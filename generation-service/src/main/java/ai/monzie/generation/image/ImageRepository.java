package ai.monzie.generation.image;

import ai.monzie.generation.PageCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ImageRepository {

  /** The last row of the previous page: its time and id (ids break ties). */
  public Uni<Optional<GeneratedImage>> find(SqlClient client, UUID user, UUID id) {
    return client
        .preparedQuery(
            "SELECT "
                + GeneratedImage.COLUMNS
                + " FROM generated_images i"
                + " WHERE i.id = $1 AND i.user_id = $2")
        .execute(Tuple.of(id, user))
        .map(ImageRepository::first);
  }

  /** Newest first by (created_at, id), one more row than asked to know whether a page follows. */
  public Uni<List<GeneratedImage>> page(
      SqlClient client, UUID user, Boolean favorite, int limit, PageCursor after) {
    return client
        .preparedQuery(
            "SELECT "
                + GeneratedImage.COLUMNS
                + " FROM generated_images i WHERE i.user_id = $1"
                + " AND ($2::boolean IS NULL OR i.is_favorite = $2)"
                + " AND ($3::timestamptz IS NULL OR (i.created_at, i.id) < ($3, $4::uuid))"
                + " ORDER BY i.created_at DESC, i.id DESC LIMIT $5")
        .execute(
            Tuple.from(
                new Object[] {
                  user,
                  favorite,
                  after == null ? null : after.createdAt(),
                  after == null ? null : after.id(),
                  limit + 1
                }))
        .map(
            rows -> {
              List<GeneratedImage> images = new ArrayList<>();
              rows.forEach(row -> images.add(GeneratedImage.from(row)));
              return images;
            });
  }

  public Uni<Void> insert(SqlClient client, GeneratedImage image) {
    return client
        .preparedQuery(
            "INSERT INTO generated_images (id, user_id, generation_id, scene_id, scene_name,"
                + " scene_category, image_key, thumbnail_key, original_photo_key,"
                + " source_image_id, prompt, negative_prompt, is_enhanced, generation_time, model,"
                + " image_size, aspect_ratio, seed, width, height, blurhash, created_at) VALUES ($1,"
                + " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
                + " $19, $20, $21, $22)")
        .execute(
            Tuple.from(
                new Object[] {
                  image.id(),
                  image.userId(),
                  image.generationId(),
                  image.sceneId(),
                  image.sceneName(),
                  image.sceneCategory(),
                  image.imageKey(),
                  image.thumbnailKey(),
                  image.originalPhotoKey(),
                  image.sourceImageId(),
                  image.prompt(),
                  image.negativePrompt(),
                  image.isEnhanced(),
                  image.generationTime(),
                  image.model(),
                  image.imageSize(),
                  image.aspectRatio(),
                  image.seed(),
                  image.width(),
                  image.height(),
                  image.blurhash(),
                  image.createdAt()
                }))
        .replaceWithVoid();
  }

  /** Sets the flag; returns the image and whether the flag was different before. */
  public Uni<Optional<FavoriteChange>> setFavorite(
      SqlClient client, UUID user, UUID id, boolean favorite) {
    return client
        .preparedQuery(
            "WITH before AS (SELECT id, is_favorite FROM generated_images"
                + " WHERE id = $1 AND user_id = $2 FOR UPDATE)"
                + " UPDATE generated_images i SET is_favorite = $3 FROM before"
                + " WHERE i.id = before.id RETURNING "
                + GeneratedImage.COLUMNS
                + ", before.is_favorite AS was_favorite")
        .execute(Tuple.of(id, user, favorite))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new FavoriteChange(
                      GeneratedImage.from(row), row.getBoolean("was_favorite") != favorite));
            });
  }

  /** The image after a favorite change, and whether the flag actually changed. */
  public record FavoriteChange(GeneratedImage image, boolean changed) {}

  public Uni<Optional<GeneratedImage>> delete(SqlClient client, UUID user, UUID id) {
    return client
        .preparedQuery(
            "DELETE FROM generated_images i WHERE i.id = $1 AND i.user_id = $2 RETURNING "
                + GeneratedImage.COLUMNS)
        .execute(Tuple.of(id, user))
        .map(ImageRepository::first);
  }

  public Uni<Integer> deleteAllOf(SqlClient client, UUID user) {
    return client
        .preparedQuery("DELETE FROM generated_images WHERE user_id = $1")
        .execute(Tuple.of(user))
        .map(RowSet::rowCount);
  }

  /**
   * Images without a BlurHash or a size (stored before they existed), by id after {@code after}.
   */
  public Uni<List<GeneratedImage>> withoutPlaceholder(SqlClient client, UUID after, int limit) {
    return client
        .preparedQuery(
            "SELECT "
                + GeneratedImage.COLUMNS
                + " FROM generated_images i WHERE (i.blurhash IS NULL OR i.width IS NULL"
                + " OR i.height IS NULL) AND ($1::uuid IS NULL OR i.id > $1) ORDER BY i.id LIMIT $2")
        .execute(Tuple.of(after, limit))
        .map(
            rows -> {
              List<GeneratedImage> images = new ArrayList<>();
              rows.forEach(row -> images.add(GeneratedImage.from(row)));
              return images;
            });
  }

  public Uni<Void> setPlaceholder(
      SqlClient client, UUID id, int width, int height, String blurhash) {
    return client
        .preparedQuery(
            "UPDATE generated_images SET width = $2, height = $3, blurhash = $4 WHERE id = $1")
        .execute(Tuple.of(id, width, height, blurhash))
        .replaceWithVoid();
  }

  private static Optional<GeneratedImage> first(RowSet<Row> rows) {
    return rows.size() == 0
        ? Optional.empty()
        : Optional.of(GeneratedImage.from(rows.iterator().next()));
  }
}
