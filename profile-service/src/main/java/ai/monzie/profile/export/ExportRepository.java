package ai.monzie.profile.export;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of data exports ({@code data_exports}, {@code data_export_parts}). */
@ApplicationScoped
public class ExportRepository {

  /** An export's row. */
  public record ExportRow(
      UUID id,
      UUID userId,
      String status,
      OffsetDateTime createdAt,
      OffsetDateTime readyAt,
      OffsetDateTime expiresAt,
      String failure) {}

  /** A user's exports of the last 24 hours, as the limits read them. */
  public record Recent(long pending, long today, OffsetDateTime oldestToday) {}

  /** One service's part as its event listed it. */
  public record Part(String service, List<String> files) {}

  /** Whom to tell that an export is ready. */
  public record ReadyExport(UUID userId, String email, String locale, OffsetDateTime expiresAt) {}

  private static final String COLUMNS =
      "id, user_id, status, created_at, ready_at, expires_at, failure";

  /**
   * Serialises one user's requests until the transaction ends: the limits below are then read and
   * written by one request at a time, so parallel requests cannot both pass the last free slot.
   */
  public Uni<Void> lockUser(SqlConnection tx, UUID user) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 14))")
        .execute(Tuple.of(user.toString()))
        .replaceWithVoid();
  }

  public Uni<Recent> recent(SqlConnection tx, UUID user) {
    return tx.preparedQuery(
            """
            SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
                   count(*) FILTER (WHERE created_at > now() - interval '24 hours') AS today,
                   min(created_at) FILTER (WHERE created_at > now() - interval '24 hours') AS oldest
            FROM data_exports WHERE user_id = $1
            """)
        .execute(Tuple.of(user))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return new Recent(
                  row.getLong("pending"), row.getLong("today"), row.getOffsetDateTime("oldest"));
            });
  }

  public Uni<OffsetDateTime> insert(SqlConnection tx, UUID id, UUID user) {
    return tx.preparedQuery(
            "INSERT INTO data_exports (id, user_id) VALUES ($1, $2) RETURNING created_at")
        .execute(Tuple.of(id, user))
        .map(rows -> rows.iterator().next().getOffsetDateTime("created_at"));
  }

  /** The user's own export; another user's id reads as absent. */
  public Uni<Optional<ExportRow>> find(SqlClient client, UUID id, UUID user) {
    return client
        .preparedQuery("SELECT " + COLUMNS + " FROM data_exports WHERE id = $1 AND user_id = $2")
        .execute(Tuple.of(id, user))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
  }

  /** A ready, unexpired export (for a download link, which names no user). */
  public Uni<Boolean> isDownloadable(SqlClient client, UUID id) {
    return client
        .preparedQuery(
            "SELECT 1 FROM data_exports WHERE id = $1 AND status = 'ready' AND expires_at > now()")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() > 0);
  }

  /** Records a part; false when its export is gone (deleted with the account, or expired). */
  public Uni<Boolean> addPart(
      SqlConnection tx, UUID export, String service, List<String> files, long bytes) {
    return tx.preparedQuery(
            """
            INSERT INTO data_export_parts (export_id, service, files, bytes)
            SELECT $1, $2, $3, $4 WHERE EXISTS
              (SELECT 1 FROM data_exports WHERE id = $1 AND status = 'pending')
            ON CONFLICT (export_id, service) DO NOTHING
            """)
        .execute(Tuple.of(export, service, new JsonArray(new ArrayList<>(files)), bytes))
        .flatMap(
            inserted ->
                inserted.rowCount() > 0
                    ? Uni.createFrom().item(true)
                    : tx.preparedQuery("SELECT 1 FROM data_exports WHERE id = $1")
                        .execute(Tuple.of(export))
                        .map(rows -> rows.size() > 0));
  }

  /**
   * Claims pending exports whose {@code parts} parts are all in (one, or any when {@code only} is
   * null) for {@code lease}: another instance skips them until the lease ends.
   */
  public Uni<List<UUID>> claimComplete(SqlClient client, UUID only, int parts, Duration lease) {
    return client
        .preparedQuery(
            """
            UPDATE data_exports e SET assembling_until = now() + make_interval(secs => $3)
            WHERE e.status = 'pending'
              AND (e.assembling_until IS NULL OR e.assembling_until < now())
              AND ($1::uuid IS NULL OR e.id = $1)
              AND (SELECT count(*) FROM data_export_parts p WHERE p.export_id = e.id) = $2
            RETURNING e.id
            """)
        .execute(Tuple.of(only, parts, (double) lease.toSeconds()))
        .map(rows -> ids(rows));
  }

  public Uni<List<Part>> parts(SqlClient client, UUID export) {
    return client
        .preparedQuery(
            "SELECT service, files FROM data_export_parts WHERE export_id = $1 ORDER BY service")
        .execute(Tuple.of(export))
        .map(
            rows -> {
              List<Part> parts = new ArrayList<>();
              for (Row row : rows) {
                JsonArray files = (JsonArray) row.getValue("files");
                List<String> names = new ArrayList<>();
                files.forEach(f -> names.add(String.valueOf(f)));
                parts.add(new Part(row.getString("service"), names));
              }
              return parts;
            });
  }

  /** Ready, if still pending (a timeout may have failed it meanwhile); with whom to tell. */
  public Uni<Optional<ReadyExport>> markReady(
      SqlConnection tx, UUID export, long bytes, Duration retention) {
    return tx.preparedQuery(
            """
            UPDATE data_exports e SET status = 'ready', ready_at = now(),
              expires_at = now() + make_interval(secs => $3), archive_bytes = $2,
              assembling_until = NULL
            FROM profiles p
            WHERE e.id = $1 AND e.status = 'pending' AND p.id = e.user_id
            RETURNING e.user_id, p.email, p.locale, e.expires_at
            """)
        .execute(Tuple.of(export, bytes, (double) retention.toSeconds()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new ReadyExport(
                      row.getUUID("user_id"),
                      row.getString("email"),
                      row.getString("locale"),
                      row.getOffsetDateTime("expires_at")));
            });
  }

  public Uni<Void> markFailed(SqlClient client, UUID export, String failure) {
    return client
        .preparedQuery(
            """
            UPDATE data_exports SET status = 'failed', failure = $2, assembling_until = NULL
            WHERE id = $1 AND status = 'pending'
            """)
        .execute(Tuple.of(export, failure))
        .replaceWithVoid();
  }

  /** Fails pending exports older than the timeout, naming the parts that never came. */
  public Uni<List<UUID>> failTimedOut(SqlClient client, Duration timeout, List<String> services) {
    return client
        .preparedQuery(
            """
            UPDATE data_exports e SET status = 'failed', assembling_until = NULL,
              failure = 'no answer in time from: ' || coalesce((
                SELECT string_agg(s, ', ' ORDER BY s) FROM unnest($2::text[]) s
                WHERE NOT EXISTS (SELECT 1 FROM data_export_parts p
                                  WHERE p.export_id = e.id AND p.service = s)), 'none')
            WHERE e.status = 'pending' AND e.created_at < now() - make_interval(secs => $1)
            RETURNING e.id
            """)
        .execute(Tuple.of((double) timeout.toSeconds(), services.toArray(new String[0])))
        .map(ExportRepository::ids);
  }

  /** Ready exports past their expiry become expired (their files are deleted by the caller). */
  public Uni<List<UUID>> expire(SqlClient client) {
    return client
        .preparedQuery(
            """
            UPDATE data_exports SET status = 'expired'
            WHERE status = 'ready' AND expires_at <= now()
            RETURNING id
            """)
        .execute()
        .map(ExportRepository::ids);
  }

  /** Rows of exports that ended (failed or expired) longer than {@code retention} ago. */
  public Uni<Integer> deleteEnded(SqlClient client, Duration retention) {
    return client
        .preparedQuery(
            """
            DELETE FROM data_exports
            WHERE (status = 'failed' AND created_at < now() - make_interval(secs => $1))
               OR (status = 'expired' AND expires_at < now() - make_interval(secs => $1))
            """)
        .execute(Tuple.of((double) retention.toSeconds()))
        .map(rows -> rows.rowCount());
  }

  /** Every export of a user, deleted in the account's deletion transaction; their ids. */
  public Uni<List<UUID>> deleteForUser(SqlConnection tx, UUID user) {
    return tx.preparedQuery("DELETE FROM data_exports WHERE user_id = $1 RETURNING id")
        .execute(Tuple.of(user))
        .map(ExportRepository::ids);
  }

  private static List<UUID> ids(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    List<UUID> ids = new ArrayList<>();
    for (Row row : rows) {
      ids.add(row.getUUID("id"));
    }
    return ids;
  }

  private static ExportRow row(Row row) {
    return new ExportRow(
        row.getUUID("id"),
        row.getUUID("user_id"),
        row.getString("status"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("ready_at"),
        row.getOffsetDateTime("expires_at"),
        row.getString("failure"));
  }
}
