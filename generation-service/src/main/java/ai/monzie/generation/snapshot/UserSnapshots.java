package ai.monzie.generation.snapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserSnapshots {

  private final Pool pool;

  UserSnapshots(Pool pool) {
    this.pool = pool;
  }

  public Uni<Optional<UserSnapshot>> find(SqlClient client, UUID user) {
    return client
        .preparedQuery(
            "SELECT user_id, gender, is_premium, subscription_status, subscription_expires_at,"
                + " version, changed_at FROM user_snapshots WHERE user_id = $1")
        .execute(Tuple.of(user))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next())));
  }

  /** {@link #isPremium(SqlClient, UUID)} outside any transaction. */
  public Uni<Boolean> isPremium(UUID user) {
    return isPremium(pool, user);
  }

  /** Premium now; a user this service has not heard of yet counts as free (DESIGN.md §5). */
  public Uni<Boolean> isPremium(SqlClient client, UUID user) {
    return find(client, user)
        .map(found -> found.map(u -> u.premiumAt(Instant.now())).orElse(false));
  }

  /** Stores the snapshot unless one with the same or a higher version is there. */
  public Uni<Boolean> upsertIfNewer(SqlClient client, UserSnapshot user) {
    return client
        .preparedQuery(
            "INSERT INTO user_snapshots AS u (user_id, gender, is_premium, subscription_status,"
                + " subscription_expires_at, version, changed_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (user_id) DO UPDATE SET gender = EXCLUDED.gender,"
                + " is_premium = EXCLUDED.is_premium,"
                + " subscription_status = EXCLUDED.subscription_status,"
                + " subscription_expires_at = EXCLUDED.subscription_expires_at,"
                + " version = EXCLUDED.version, changed_at = EXCLUDED.changed_at,"
                + " received_at = now() WHERE u.version < EXCLUDED.version RETURNING user_id")
        .execute(
            Tuple.from(
                new Object[] {
                  user.userId(),
                  user.gender(),
                  user.isPremium(),
                  user.subscriptionStatus(),
                  user.subscriptionExpiresAt(),
                  user.version(),
                  user.changedAt()
                }))
        .map(rows -> rows.size() == 1);
  }

  /** The snapshot of a deleted user (user.deleted), in the event's transaction. */
  public Uni<Void> delete(SqlClient client, UUID user) {
    return client
        .preparedQuery("DELETE FROM user_snapshots WHERE user_id = $1")
        .execute(Tuple.of(user))
        .replaceWithVoid();
  }

  private static UserSnapshot from(Row row) {
    return new UserSnapshot(
        row.getUUID("user_id"),
        row.getString("gender"),
        row.getBoolean("is_premium"),
        row.getString("subscription_status"),
        row.getOffsetDateTime("subscription_expires_at"),
        row.getLong("version"),
        row.getOffsetDateTime("changed_at"));
  }
}
