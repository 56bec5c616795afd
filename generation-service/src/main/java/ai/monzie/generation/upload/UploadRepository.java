package ai.monzie.generation.upload;

import ai.monzie.generation.PageCursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UploadRepository {

  public Uni<Void> insert(SqlClient client, StoredUpload upload) {
    return client
        .preparedQuery(
            "INSERT INTO uploads ("
                + StoredUpload.COLUMNS
                + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(
            Tuple.from(
                new Object[] {
                  upload.id(),
                  upload.userId(),
                  upload.objectKey(),
                  upload.purpose(),
                  upload.contentType(),
                  upload.width(),
                  upload.height(),
                  upload.createdAt()
                }))
        .replaceWithVoid();
  }

  /** The caller's photo (not an avatar): the only uploads a generation may take as input. */
  public Uni<Optional<StoredUpload>> findPhoto(SqlClient client, UUID user, UUID id) {
    return client
        .preparedQuery(
            "SELECT "
                + StoredUpload.COLUMNS
                + " FROM uploads WHERE id = $1 AND user_id = $2 AND purpose = 'photo'")
        .execute(Tuple.of(id, user))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(StoredUpload.from(rows.iterator().next())));
  }

  /** Newest first by (created_at, id), one more row than asked to know whether a page follows. */
  public Uni<List<StoredUpload>> page(SqlClient client, UUID user, int limit, PageCursor after) {
    return client
        .preparedQuery(
            "SELECT "
                + StoredUpload.COLUMNS
                + " FROM uploads WHERE user_id = $1"
                + " AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))"
                + " ORDER BY created_at DESC, id DESC LIMIT $4")
        .execute(
            Tuple.of(
                user,
                after == null ? null : after.createdAt(),
                after == null ? null : after.id(),
                limit + 1))
        .map(
            rows -> {
              List<StoredUpload> list = new ArrayList<>();
              rows.forEach(row -> list.add(StoredUpload.from(row)));
              return list;
            });
  }

  public Uni<Integer> deleteAllOf(SqlClient client, UUID user) {
    return client
        .preparedQuery("DELETE FROM uploads WHERE user_id = $1")
        .execute(Tuple.of(user))
        .map(RowSet::rowCount);
  }
}
