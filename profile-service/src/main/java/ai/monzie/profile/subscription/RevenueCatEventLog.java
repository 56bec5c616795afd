package ai.monzie.profile.subscription;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** The RevenueCat event ids already applied: what makes a redelivered webhook change nothing. */
@ApplicationScoped
public class RevenueCatEventLog {

  /** Records the event in the caller's transaction; false when it was recorded before. */
  public Uni<Boolean> recordFirstSeen(SqlConnection tx, String eventId, String eventType) {
    return tx.preparedQuery(
            """
            INSERT INTO revenuecat_events (event_id, event_type) VALUES ($1, $2)
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")
        .execute(Tuple.of(eventId, eventType))
        .map(rows -> rows.size() == 1);
  }
}
