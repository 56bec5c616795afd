package ai.monzie.platform.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code revocations} table each service keeps (its own migration): deleted subjects and ended
 * sessions, each until no token naming it can still be valid.
 */
@ApplicationScoped
public class RevocationRepository {

  /** One row: {@code kind} is {@link #SUBJECT} or {@link #SESSION}. */
  public record Revocation(String kind, String id, Instant expiresAt) {}

  public static final String SUBJECT = "subject";
  public static final String SESSION = "session";

  private final Pool pool;

  RevocationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Idempotent: a redelivered event finds its row and extends nothing. */
  public Uni<Instant> insert(SqlConnection tx, String kind, String id, Duration keep) {
    return tx.preparedQuery(
            "INSERT INTO revocations (kind, id, expires_at)"
                + " VALUES ($1, $2, now() + make_interval(secs => $3))"
                + " ON CONFLICT (kind, id) DO UPDATE SET expires_at = revocations.expires_at"
                + " RETURNING expires_at")
        .execute(Tuple.of(kind, id, (double) keep.toSeconds()))
        .map(rows -> rows.iterator().next().getOffsetDateTime(0).toInstant());
  }

  /**
   * Serialises a user's deletion against work finishing for that user (a generation job): the
   * deletion holds the lock exclusively, a finishing job shares it, so the job either commits
   * before the deletion reads its rows or sees the deletion and discards itself.
   */
  public Uni<Void> lockSubject(SqlConnection tx, String subject, boolean exclusive) {
    return tx.preparedQuery(
            exclusive
                ? "SELECT pg_advisory_xact_lock(hashtext('revocation:' || $1))"
                : "SELECT pg_advisory_xact_lock_shared(hashtext('revocation:' || $1))")
        .execute(Tuple.of(subject))
        .replaceWithVoid();
  }

  public Uni<Boolean> isSubjectRevoked(SqlConnection tx, String subject) {
    return tx.preparedQuery(
            "SELECT EXISTS (SELECT 1 FROM revocations WHERE kind = 'subject' AND id = $1)")
        .execute(Tuple.of(subject))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Uni<List<Revocation>> live() {
    return pool.query("SELECT kind, id, expires_at FROM revocations WHERE expires_at > now()")
        .execute()
        .map(
            rows -> {
              List<Revocation> all = new ArrayList<>(rows.size());
              for (Row row : rows) {
                all.add(
                    new Revocation(
                        row.getString("kind"),
                        row.getString("id"),
                        row.getOffsetDateTime("expires_at").toInstant()));
              }
              return all;
            });
  }

  /** Whether the subject or the session (may be null) is revoked, read from the table itself. */
  public Uni<Boolean> isRevoked(String subject, String session) {
    return pool.preparedQuery(
            "SELECT EXISTS (SELECT 1 FROM revocations WHERE expires_at > now()"
                + " AND ((kind = 'subject' AND id = $1) OR (kind = 'session' AND id = $2)))")
        .execute(Tuple.of(subject, session))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Uni<Integer> deleteExpired() {
    return pool.query("DELETE FROM revocations WHERE expires_at <= now()")
        .execute()
        .map(rows -> rows.rowCount());
  }
}
