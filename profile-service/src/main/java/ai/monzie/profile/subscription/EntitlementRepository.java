package ai.monzie.profile.subscription;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The subscriptions (plan period per user) and credit_grants (packs bought) tables. */
@ApplicationScoped
public class EntitlementRepository {

  /** A user's current plan period; planKey null = free. */
  record Subscription(
      UUID userId,
      String planKey,
      String status,
      Instant periodStart,
      Instant periodEnd,
      Instant lastEventAt) {

    static Subscription from(Row row) {
      return new Subscription(
          row.getUUID("user_id"),
          row.getString("plan_key"),
          row.getString("status"),
          instant(row.getOffsetDateTime("period_start")),
          instant(row.getOffsetDateTime("period_end")),
          instant(row.getOffsetDateTime("last_event_at")));
    }
  }

  record Grant(String sourceEventId, int amount) {}

  /** The first of the candidates that is one of our users (the order the profile update uses). */
  public Uni<Optional<UUID>> firstUser(SqlConnection tx, List<UUID> candidates) {
    return tx.preparedQuery("SELECT id FROM users WHERE id = ANY($1) ORDER BY id LIMIT 1")
        .execute(Tuple.of(candidates.toArray(UUID[]::new)))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID("id")));
  }

  /**
   * The user's row, locked for this transaction (created as 'none' the first time): events of one
   * user are applied one after the other, so each sees what the one before it stored.
   */
  public Uni<Subscription> lock(SqlConnection tx, UUID userId, String store) {
    return tx.preparedQuery(
            """
            INSERT INTO subscriptions (user_id, store, status, last_event_id, last_event_at)
            VALUES ($1, $2, 'none', '', 'epoch') ON CONFLICT (user_id) DO NOTHING""")
        .execute(Tuple.of(userId, store))
        .flatMap(
            x ->
                tx.preparedQuery("SELECT * FROM subscriptions WHERE user_id = $1 FOR UPDATE")
                    .execute(Tuple.of(userId)))
        .map(rows -> Subscription.from(rows.iterator().next()));
  }

  /** Writes the user's state after an event; planKey null = free. */
  public Uni<Void> save(
      SqlConnection tx,
      UUID userId,
      StoreEvent e,
      String planKey,
      String status,
      Instant periodStart,
      Instant periodEnd) {
    return tx.preparedQuery(
            """
            UPDATE subscriptions SET plan_key = $2, store = $3, product_id = $4, status = $5,
              period_start = $6, period_end = $7, last_event_id = $8, last_event_at = $9,
              updated_at = now()
            WHERE user_id = $1""")
        .execute(
            Tuple.from(
                new Object[] {
                  userId,
                  planKey,
                  e.store(),
                  e.productId(),
                  status,
                  time(periodStart),
                  time(periodEnd),
                  e.id(),
                  time(e.occurredAt())
                }))
        .replaceWithVoid();
  }

  /** Records a pack purchase; false when this purchase event was granted already. */
  public Uni<Boolean> grant(SqlConnection tx, UUID userId, StoreEvent e, int amount) {
    return tx.preparedQuery(
            """
            INSERT INTO credit_grants (source_event_id, user_id, store, product_id, transaction_id,
              amount)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (source_event_id) DO NOTHING
            RETURNING source_event_id""")
        .execute(
            Tuple.from(
                new Object[] {e.id(), userId, e.store(), e.productId(), e.transactionId(), amount}))
        .map(rows -> rows.size() == 1);
  }

  /**
   * Marks the refunded pack's grant as taken back: the one of this store transaction, else the
   * user's latest grant of that product not yet taken back. Empty when there is none.
   */
  public Uni<Optional<Grant>> revoke(SqlConnection tx, UUID userId, StoreEvent refund) {
    return tx.preparedQuery(
            """
            UPDATE credit_grants SET revoked_by = $4, revoked_at = now()
            WHERE source_event_id = (
              SELECT source_event_id FROM credit_grants
              WHERE user_id = $1 AND product_id = $2 AND revoked_at IS NULL
                AND ($3::text IS NULL OR transaction_id IS NULL OR transaction_id = $3)
              ORDER BY (transaction_id IS NOT DISTINCT FROM $3) DESC, granted_at DESC
              LIMIT 1 FOR UPDATE)
            RETURNING source_event_id, amount""")
        .execute(Tuple.of(userId, refund.productId(), refund.transactionId(), refund.id()))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new Grant(row.getString("source_event_id"), row.getInteger("amount")));
            });
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
