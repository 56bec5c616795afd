package ai.monzie.generation.share;

import ai.monzie.generation.image.GeneratedImage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ShareRepository {

  /** A share link of an image: its token, and whether this call made it. */
  public record Link(String token, boolean created) {}

  /**
   * The image's link, made with {@code token} unless it has one. One per image: the unique image_id
   * makes a concurrent second call wait and then find the first one's row.
   */
  public Uni<Link> createOrGet(SqlClient client, UUID imageId, UUID user, String token) {
    return client
        .preparedQuery(
            "INSERT INTO image_shares (token, image_id, user_id) VALUES ($1, $2, $3)"
                + " ON CONFLICT (image_id) DO NOTHING RETURNING token")
        .execute(Tuple.of(token, imageId, user))
        .flatMap(
            inserted ->
                inserted.size() > 0
                    ? Uni.createFrom().item(new Link(token, true))
                    : client
                        .preparedQuery("SELECT token FROM image_shares WHERE image_id = $1")
                        .execute(Tuple.of(imageId))
                        .map(rows -> new Link(rows.iterator().next().getString(0), false)));
  }

  /** Deletes the image's link; whether there was one. */
  public Uni<Boolean> revoke(SqlClient client, UUID imageId, UUID user) {
    return client
        .preparedQuery("DELETE FROM image_shares WHERE image_id = $1 AND user_id = $2")
        .execute(Tuple.of(imageId, user))
        .map(rows -> rows.rowCount() > 0);
  }

  /** The image a live token points at (a read: the public path writes nothing). */
  public Uni<Optional<GeneratedImage>> image(SqlClient client, String token) {
    return client
        .preparedQuery(
            "SELECT "
                + GeneratedImage.COLUMNS
                + " FROM image_shares s JOIN generated_images i ON i.id = s.image_id"
                + " WHERE s.token = $1")
        .execute(Tuple.of(token))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(GeneratedImage.from(rows.iterator().next())));
  }
}
