package ai.monzie.profile.subscription;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Every store event received, keyed by the store's event id: what makes a redelivered webhook
 * change nothing, and the record of what each one did (outcome).
 */
@ApplicationScoped
public class StoreEventLog {

  /** Records the event in the caller's transaction; false when it was recorded before. */
  public Uni<Boolean> recordFirstSeen(SqlConnection tx, StoreEvent e) {
    return tx.preparedQuery(
            """
            INSERT INTO store_events (event_id, store, event_type, product_id, transaction_id,
              occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")
        .execute(
            Tuple.from(
                new Object[] {
                  e.id(),
                  e.store(),
                  e.type(),
                  e.productId(),
                  e.transactionId(),
                  OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC)
                }))
        .map(rows -> rows.size() == 1);
  }

  public Uni<Void> outcome(SqlConnection tx, String eventId, UUID userId, String outcome) {
    return tx.preparedQuery(
            "UPDATE store_events SET outcome = $2, user_id = $3 WHERE event_id = $1")
        .execute(Tuple.of(eventId, outcome, userId))
        .replaceWithVoid();
  }

  /** A refund of this store transaction arrived before its purchase (out-of-order delivery). */
  public Uni<Boolean> refundSeen(SqlConnection tx, String store, String transactionId) {
    if (transactionId == null) {
      return Uni.createFrom().item(false);
    }
    return tx.preparedQuery(
            "SELECT 1 FROM store_events WHERE store = $1 AND transaction_id = $2"
                + " AND outcome = 'refund_without_grant'")
        .execute(Tuple.of(store, transactionId))
        .map(rows -> rows.size() > 0);
  }
}
