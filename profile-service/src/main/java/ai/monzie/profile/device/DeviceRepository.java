package ai.monzie.profile.device;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeviceRepository {

  /**
   * Locks the user's account row against other registrations of the same user (not against reads or
   * foreign-key checks), so the per-user device limit holds under parallel requests; false when
   * there is no such user.
   */
  public Uni<Boolean> lockOwner(SqlConnection tx, UUID user) {
    return tx.preparedQuery("SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE")
        .execute(Tuple.of(user))
        .map(rows -> rows.size() == 1);
  }

  /** Registers the token to the user: a token another user had moves to this one. */
  public Uni<Device> upsert(
      SqlConnection tx, UUID user, String token, String platform, String provider) {
    return tx.preparedQuery(
            """
            INSERT INTO devices (token, user_id, platform, provider) VALUES ($1, $2, $3, $4)
            ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id,
              platform = EXCLUDED.platform, provider = EXCLUDED.provider, updated_at = now()
            RETURNING\s"""
                + Device.COLUMNS)
        .execute(Tuple.of(token, user, platform, provider))
        .map(rows -> Device.from(rows.iterator().next()));
  }

  /** Forgets the user's devices beyond the newest {@code keep} (by registration time). */
  public Uni<Void> keepNewest(SqlConnection tx, UUID user, int keep) {
    return tx.preparedQuery(
            """
            DELETE FROM devices WHERE user_id = $1 AND token NOT IN (
              SELECT token FROM devices WHERE user_id = $1
              ORDER BY updated_at DESC, token LIMIT $2)""")
        .execute(Tuple.of(user, keep))
        .replaceWithVoid();
  }

  /** Deletes the token if it is this user's; false otherwise (unknown or another user's). */
  public Uni<Boolean> delete(SqlClient client, UUID user, String token) {
    return client
        .preparedQuery("DELETE FROM devices WHERE token = $1 AND user_id = $2")
        .execute(Tuple.of(token, user))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<List<Device>> list(SqlClient client, UUID user) {
    return client
        .preparedQuery(
            "SELECT "
                + Device.COLUMNS
                + " FROM devices WHERE user_id = $1 ORDER BY updated_at DESC, token")
        .execute(Tuple.of(user))
        .map(
            rows -> {
              List<Device> devices = new ArrayList<>();
              rows.forEach(row -> devices.add(Device.from(row)));
              return devices;
            });
  }
}
