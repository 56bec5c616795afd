package ai.monzie.profile.push;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The push queue ({@code push_outbox}) and Expo's pending receipts ({@code push_receipts}). */
@ApplicationScoped
public class PushRepository {

  /**
   * Queues one push per device of each notification's user, in the user's language, unless the user
   * turned notifications off; ONE statement in the consumer's transaction. (event id, token) is
   * unique, so a notification queued before is not queued again.
   */
  public Uni<Void> queue(SqlConnection tx, List<PushNotification> notifications) {
    if (notifications.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = notifications.size();
    String[] eventIds = new String[n];
    UUID[] users = new UUID[n];
    String[] texts = new String[n];
    String[] data = new String[n];
    for (int i = 0; i < n; i++) {
      PushNotification p = notifications.get(i);
      eventIds[i] = p.eventId();
      users[i] = p.userId();
      JsonObject byLanguage = new JsonObject();
      p.texts()
          .forEach(
              (language, text) ->
                  byLanguage.put(
                      language,
                      new JsonObject().put("title", text.title()).put("body", text.body())));
      texts[i] = byLanguage.encode();
      data[i] = new JsonObject(Map.copyOf(p.data())).encode();
    }
    return tx.preparedQuery(
            """
            INSERT INTO push_outbox (event_id, user_id, token, provider, title, body, data)
            SELECT v.event_id, d.user_id, d.token, d.provider, t.text ->> 'title',
              t.text ->> 'body', v.data::jsonb
            FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) AS v(event_id, user_id, texts, data)
            JOIN profiles p ON p.id = v.user_id AND p.notifications_enabled
            JOIN devices d ON d.user_id = v.user_id
            CROSS JOIN LATERAL (SELECT COALESCE(v.texts::jsonb -> lower(left(p.locale, 2)),
              v.texts::jsonb -> 'en') AS text) t
            ON CONFLICT (event_id, token) DO NOTHING""")
        .execute(Tuple.of(eventIds, users, texts, data))
        .replaceWithVoid();
  }

  /**
   * Takes up to {@code limit} due pushes of the given providers and holds them for {@code lease}
   * (rows another drainer holds are skipped, not waited for); each take counts as an attempt.
   */
  public Uni<List<Push>> claim(SqlClient client, String[] providers, int limit, Duration lease) {
    return client
        .preparedQuery(
            """
            UPDATE push_outbox o SET attempts = o.attempts + 1,
              next_attempt_at = now() + make_interval(secs => $3)
            FROM (SELECT id FROM push_outbox
                  WHERE state = 'queued' AND next_attempt_at <= now() AND provider = ANY($1)
                  ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
            WHERE o.id = due.id
            RETURNING o.id, o.user_id, o.token, o.provider, o.title, o.body, o.data, o.attempts,
              EXISTS (SELECT 1 FROM devices d WHERE d.token = o.token AND d.user_id = o.user_id)
                AS current""")
        .execute(Tuple.of(providers, limit, (double) lease.toMillis() / 1000))
        .map(
            rows -> {
              List<Push> pushes = new ArrayList<>();
              rows.forEach(row -> pushes.add(Push.from(row)));
              // RETURNING has no order of its own: send in the order the pushes were queued
              pushes.sort(Comparator.comparingLong(Push::id));
              return pushes;
            });
  }

  public Uni<Void> markSent(SqlClient client, List<Long> ids) {
    return setState(client, ids, "sent", null);
  }

  /** Terminal: given up (failed) or no longer deliverable (dropped). */
  public Uni<Void> setState(SqlClient client, List<Long> ids, String state, String error) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return client
        .preparedQuery(
            """
            UPDATE push_outbox SET state = $2, last_error = $3,
              sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
            WHERE id = ANY($1)""")
        .execute(Tuple.of(ids.toArray(Long[]::new), state, error))
        .replaceWithVoid();
  }

  /** Back in the queue, due after {@code wait}. */
  public Uni<Void> retryAfter(SqlClient client, long id, Duration wait, String error) {
    return client
        .preparedQuery(
            "UPDATE push_outbox SET next_attempt_at = now() + make_interval(secs => $2),"
                + " last_error = $3 WHERE id = $1")
        .execute(Tuple.of(id, (double) wait.toMillis() / 1000, error))
        .replaceWithVoid();
  }

  /** The provider said the app is gone from this device: forget the token (if still theirs). */
  public Uni<Void> forgetDevice(SqlClient client, String token, UUID user) {
    return client
        .preparedQuery("DELETE FROM devices WHERE token = $1 AND user_id = $2")
        .execute(Tuple.of(token, user))
        .replaceWithVoid();
  }

  public Uni<Void> awaitReceipt(SqlClient client, String ticketId, Push push, Duration delay) {
    return client
        .preparedQuery(
            "INSERT INTO push_receipts (ticket_id, token, user_id, check_after)"
                + " VALUES ($1, $2, $3, now() + make_interval(secs => $4))"
                + " ON CONFLICT (ticket_id) DO NOTHING")
        .execute(Tuple.of(ticketId, push.token(), push.userId(), (double) delay.toMillis() / 1000))
        .replaceWithVoid();
  }

  /** A ticket whose receipt is due. */
  record PendingReceipt(String ticketId, String token, UUID userId) {}

  /** Takes due receipts and holds them for {@code lease} (skipping those another drainer holds). */
  public Uni<List<PendingReceipt>> claimReceipts(SqlClient client, int limit, Duration lease) {
    return client
        .preparedQuery(
            """
            UPDATE push_receipts r SET check_after = now() + make_interval(secs => $2)
            FROM (SELECT ticket_id FROM push_receipts WHERE check_after <= now()
                  ORDER BY check_after LIMIT $1 FOR UPDATE SKIP LOCKED) due
            WHERE r.ticket_id = due.ticket_id
            RETURNING r.ticket_id, r.token, r.user_id""")
        .execute(Tuple.of(limit, (double) lease.toMillis() / 1000))
        .map(
            rows -> {
              List<PendingReceipt> due = new ArrayList<>();
              rows.forEach(
                  row ->
                      due.add(
                          new PendingReceipt(
                              row.getString("ticket_id"),
                              row.getString("token"),
                              row.getUUID("user_id"))));
              return due;
            });
  }

  public Uni<Void> receiptsRead(SqlClient client, List<String> ticketIds) {
    if (ticketIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return client
        .preparedQuery("DELETE FROM push_receipts WHERE ticket_id = ANY($1)")
        .execute(Tuple.of(ticketIds.toArray(String[]::new)))
        .replaceWithVoid();
  }

  /** Forgets pushes and receipts older than their useful life; returns pushes deleted. */
  public Uni<Integer> sweep(SqlClient client, Duration keep, Duration receiptGiveUp) {
    return client
        .preparedQuery(
            "DELETE FROM push_receipts WHERE created_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) receiptGiveUp.toMillis() / 1000))
        .flatMap(
            ignored ->
                client
                    .preparedQuery(
                        "DELETE FROM push_outbox WHERE created_at < now() - make_interval(secs => $1)")
                    .execute(Tuple.of((double) keep.toMillis() / 1000)))
        .map(rows -> rows.rowCount());
  }
}
