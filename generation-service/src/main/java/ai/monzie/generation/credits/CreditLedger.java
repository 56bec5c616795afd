package ai.monzie.generation.credits;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * All SQL of credits: {@code credit_entitlements}, {@code credit_grants} (a balance per grant) and
 * the append-only {@code credit_ledger}. Every change of a balance is one statement (or one locked
 * row) together with its ledger row, so for every grant balance = sum(ledger.amount); the ledger's
 * key (user, kind, cause) makes a second application of the same cause a no-op.
 */
@ApplicationScoped
public class CreditLedger {

  /** An open grant and what is left of it. */
  public record Grant(Bucket bucket, String grantId, int granted, int balance, Instant expiresAt) {}

  /** A ledger row as the user's history shows it. */
  public record Entry(
      long id, String kind, String bucket, int amount, String cause, OffsetDateTime createdAt) {}

  /**
   * One spend, the statement the request path runs: the first spendable grant of the given buckets
   * (plan before packs, packs oldest first) is locked, decremented and written to the ledger with
   * the generation as cause. Concurrent spends of one user queue on the grant's row lock; one that
   * finds it empty after the wait moves on to the next grant (FOR UPDATE re-checks the row, LIMIT
   * then takes the next), so no credit is spent twice and none is left while a request is refused.
   */
  static final String SPEND =
      """
      WITH pick AS (
        SELECT bucket, grant_id FROM credit_grants
        WHERE user_id = $1 AND bucket = ANY($3::text[]) AND closed_at IS NULL AND balance > 0
          AND (expires_at IS NULL OR expires_at > now())
        ORDER BY CASE bucket WHEN 'plan' THEN 0 ELSE 1 END, created_at, grant_id
        LIMIT 1 FOR UPDATE),
      spent AS (
        UPDATE credit_grants g SET balance = g.balance - 1 FROM pick
        WHERE g.user_id = $1 AND g.bucket = pick.bucket AND g.grant_id = pick.grant_id
        RETURNING g.bucket, g.grant_id)
      INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
      SELECT $1, 'spend', bucket, grant_id, -1, $2 FROM spent
      RETURNING bucket
      """;

  /** What {@link #spendIfPlan} found: the entitlement, whether its plan is active, the spend. */
  public record PlanSpend(Entitlement entitlement, boolean planActive, Optional<Bucket> spent) {}

  /**
   * The request path in one round trip: reads the entitlement and, when it is an active plan with
   * credits (not unlimited), makes the {@link #SPEND} in the same statement (plan, then packs).
   * Empty when the user has no entitlement row (free).
   */
  static final String SPEND_IF_PLAN =
      """
      WITH ent AS (
        SELECT plan_key, unlimited, credits, period_start, period_end, source_event_id, changed_at,
               plan_key IS NOT NULL AND (period_end IS NULL OR period_end > now()) AS plan_active
        FROM credit_entitlements WHERE user_id = $1),
      pick AS (
        SELECT g.bucket, g.grant_id FROM credit_grants g, ent
        WHERE ent.plan_active AND NOT ent.unlimited
          AND g.user_id = $1 AND g.closed_at IS NULL AND g.balance > 0
          AND (g.expires_at IS NULL OR g.expires_at > now())
        ORDER BY CASE g.bucket WHEN 'plan' THEN 0 ELSE 1 END, g.created_at, g.grant_id
        LIMIT 1 FOR UPDATE OF g),
      spent AS (
        UPDATE credit_grants g SET balance = g.balance - 1 FROM pick
        WHERE g.user_id = $1 AND g.bucket = pick.bucket AND g.grant_id = pick.grant_id
        RETURNING g.bucket, g.grant_id),
      entry AS (
        INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
        SELECT $1, 'spend', bucket, grant_id, -1, $2 FROM spent
        RETURNING bucket)
      SELECT ent.*, (SELECT bucket FROM entry) AS spent FROM ent
      """;

  public Uni<Optional<PlanSpend>> spendIfPlan(SqlConnection tx, UUID user, UUID generation) {
    return tx.preparedQuery(SPEND_IF_PLAN)
        .execute(Tuple.of(user, generation.toString()))
        .map(
            rows ->
                first(rows)
                    .map(
                        row ->
                            new PlanSpend(
                                Entitlement.from(row),
                                row.getBoolean("plan_active"),
                                Optional.ofNullable(row.getString("spent"))
                                    .map(b -> Bucket.valueOf(b.toUpperCase())))));
  }

  /** The entitlement as stored (no lock: the request path's read). */
  public Uni<Optional<Entitlement>> entitlement(SqlClient client, UUID user) {
    return client
        .preparedQuery(
            "SELECT " + Entitlement.COLUMNS + " FROM credit_entitlements WHERE user_id = $1")
        .execute(Tuple.of(user))
        .map(rows -> first(rows).map(Entitlement::from));
  }

  /**
   * The entitlement locked until the transaction ends (entitlement.changed applies one at once).
   */
  Uni<Optional<Entitlement>> lockEntitlement(SqlConnection tx, UUID user) {
    return tx.preparedQuery(
            "SELECT "
                + Entitlement.COLUMNS
                + " FROM credit_entitlements WHERE user_id = $1 FOR UPDATE")
        .execute(Tuple.of(user))
        .map(rows -> first(rows).map(Entitlement::from));
  }

  Uni<Void> saveEntitlement(SqlConnection tx, UUID user, Entitlement e) {
    return tx.preparedQuery(
            """
            INSERT INTO credit_entitlements AS c (user_id, plan_key, unlimited, credits,
              period_start, period_end, source_event_id, changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (user_id) DO UPDATE SET plan_key = EXCLUDED.plan_key,
              unlimited = EXCLUDED.unlimited, credits = EXCLUDED.credits,
              period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
              source_event_id = EXCLUDED.source_event_id, changed_at = EXCLUDED.changed_at,
              updated_at = now()
            """)
        .execute(
            Tuple.from(
                new Object[] {
                  user,
                  e.planKey(),
                  e.unlimited(),
                  e.credits(),
                  utc(e.periodStart()),
                  utc(e.periodEnd()),
                  e.sourceEventId(),
                  utc(e.changedAt())
                }))
        .replaceWithVoid();
  }

  /** Spends one credit from the first spendable grant of the buckets; the bucket, or empty. */
  public Uni<Optional<Bucket>> spend(
      SqlConnection tx, UUID user, UUID generation, List<Bucket> buckets) {
    String[] names = buckets.stream().map(Bucket::value).toArray(String[]::new);
    return tx.preparedQuery(SPEND)
        .execute(Tuple.of(user, generation.toString(), names))
        .map(rows -> first(rows).map(row -> Bucket.valueOf(row.getString(0).toUpperCase())));
  }

  /**
   * Gives a spent credit back to the grant it came from, once per generation (the ledger key). A
   * grant closed meanwhile (its period replaced, its pack refunded) takes the credit and expires it
   * at once, as it would have expired unspent. False when no credit was spent for this generation
   * (it used the daily allowance, or it was unlimited).
   */
  public Uni<Boolean> refund(SqlConnection tx, UUID user, UUID generation) {
    String cause = generation.toString();
    return tx.preparedQuery(
            """
            WITH spent AS (
              SELECT bucket, grant_id FROM credit_ledger
              WHERE user_id = $1 AND kind = 'spend' AND cause = $2),
            refunded AS (
              INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
              SELECT $1, 'refund', bucket, grant_id, 1, $2 FROM spent
              ON CONFLICT ON CONSTRAINT credit_ledger_once DO NOTHING
              RETURNING bucket, grant_id),
            credited AS (
              UPDATE credit_grants g SET balance = g.balance + 1 FROM refunded r
              WHERE g.user_id = $1 AND g.bucket = r.bucket AND g.grant_id = r.grant_id
              RETURNING g.bucket, g.grant_id, g.closed_at IS NOT NULL AS closed)
            SELECT s.bucket, c.grant_id, coalesce(c.closed, false) AS closed
            FROM spent s LEFT JOIN credited c ON true
            """)
        .execute(Tuple.of(user, cause))
        .flatMap(
            rows -> {
              Optional<Row> row = first(rows);
              if (row.isEmpty()) {
                return Uni.createFrom().item(false);
              }
              if (!row.get().getBoolean("closed")) {
                return Uni.createFrom().item(true);
              }
              return change(
                      tx,
                      user,
                      "expiry",
                      row.get().getString("bucket"),
                      row.get().getString("grant_id"),
                      -1,
                      cause)
                  .replaceWith(true);
            });
  }

  /**
   * Adds a grant (a plan period, a pack) with its ledger row; false when this cause was applied
   * before. True with {@code closed} when a revocation of it arrived first: the caller revokes it.
   */
  Uni<Optional<Boolean>> grant(
      SqlConnection tx, UUID user, Bucket bucket, String grantId, int amount, Instant expiresAt) {
    return tx.preparedQuery(
            """
            WITH granted AS (
              INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
              VALUES ($1, 'grant', $2, $3, $4, $3)
              ON CONFLICT ON CONSTRAINT credit_ledger_once DO NOTHING RETURNING amount)
            INSERT INTO credit_grants AS g (user_id, bucket, grant_id, granted, balance, expires_at)
            SELECT $1, $2, $3, amount, amount, $5 FROM granted
            ON CONFLICT (user_id, bucket, grant_id) DO UPDATE
              SET granted = g.granted + EXCLUDED.granted, balance = g.balance + EXCLUDED.balance,
                  expires_at = EXCLUDED.expires_at
            RETURNING g.closed_at IS NOT NULL AS closed
            """)
        .execute(Tuple.of(user, bucket.value(), grantId, amount, utc(expiresAt)))
        .map(rows -> first(rows).map(row -> row.getBoolean(0)));
  }

  /**
   * Ends the open plan period: what is left of it expires (no rollover), caused by the event that
   * replaced or ended it. Locks the grant first, so a spend in flight either lands before (and is
   * not expired) or finds it closed.
   */
  Uni<Void> closeOpenPlan(SqlConnection tx, UUID user, String cause) {
    return tx.preparedQuery(
            "SELECT grant_id, balance FROM credit_grants"
                + " WHERE user_id = $1 AND bucket = 'plan' AND closed_at IS NULL FOR UPDATE")
        .execute(Tuple.of(user))
        .flatMap(
            rows -> {
              Optional<Row> open = first(rows);
              if (open.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              String grantId = open.get().getString("grant_id");
              int left = open.get().getInteger("balance");
              return change(tx, user, "expiry", "plan", grantId, -left, cause)
                  .call(() -> close(tx, user, "plan", grantId));
            });
  }

  /** Keeps the open plan's end in step with its entitlement (a cancellation that ends it now). */
  Uni<Void> setPlanEnd(SqlConnection tx, UUID user, Instant periodEnd) {
    return tx.preparedQuery(
            "UPDATE credit_grants SET expires_at = $2"
                + " WHERE user_id = $1 AND bucket = 'plan' AND closed_at IS NULL")
        .execute(Tuple.of(user, utc(periodEnd)))
        .replaceWithVoid();
  }

  /**
   * A refunded pack: removes what is left of it, at most {@code amount}, never below zero, and
   * closes it. A revocation that arrives before its grant leaves a closed, empty grant behind, and
   * the grant, when it comes, is revoked at once ({@link #grant}).
   */
  Uni<Void> revoke(SqlConnection tx, UUID user, String grantId, int amount, String cause) {
    return tx.preparedQuery(
            "INSERT INTO credit_grants (user_id, bucket, grant_id, granted, balance, closed_at)"
                + " VALUES ($1, 'pack', $2, 0, 0, now()) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(user, grantId))
        .flatMap(
            x ->
                tx.preparedQuery(
                        "SELECT balance FROM credit_grants"
                            + " WHERE user_id = $1 AND bucket = 'pack' AND grant_id = $2"
                            + " FOR UPDATE")
                    .execute(Tuple.of(user, grantId)))
        .flatMap(
            rows -> {
              int left = rows.iterator().next().getInteger(0);
              return change(tx, user, "revoke", "pack", grantId, -Math.min(amount, left), cause)
                  .call(() -> close(tx, user, "pack", grantId));
            });
  }

  /** One ledger row and the same change to its grant's balance, once per (kind, cause). */
  private Uni<Void> change(
      SqlConnection tx,
      UUID user,
      String kind,
      String bucket,
      String grantId,
      int amount,
      String cause) {
    return tx.preparedQuery(
            """
            WITH entry AS (
              INSERT INTO credit_ledger (user_id, kind, bucket, grant_id, amount, cause)
              VALUES ($1, $2, $3, $4, $5, $6)
              ON CONFLICT ON CONSTRAINT credit_ledger_once DO NOTHING RETURNING amount)
            UPDATE credit_grants g SET balance = g.balance + entry.amount FROM entry
            WHERE g.user_id = $1 AND g.bucket = $3 AND g.grant_id = $4
            """)
        .execute(Tuple.from(new Object[] {user, kind, bucket, grantId, amount, cause}))
        .replaceWithVoid();
  }

  private Uni<Void> close(SqlConnection tx, UUID user, String bucket, String grantId) {
    return tx.preparedQuery(
            "UPDATE credit_grants SET closed_at = coalesce(closed_at, now())"
                + " WHERE user_id = $1 AND bucket = $2 AND grant_id = $3")
        .execute(Tuple.of(user, bucket, grantId))
        .replaceWithVoid();
  }

  /** The user's open grants, plan first, packs oldest first (GET /v1/usage). */
  public Uni<List<Grant>> openGrants(SqlClient client, UUID user) {
    return client
        .preparedQuery(
            "SELECT bucket, grant_id, granted, balance, expires_at FROM credit_grants"
                + " WHERE user_id = $1 AND closed_at IS NULL"
                + " ORDER BY CASE bucket WHEN 'plan' THEN 0 ELSE 1 END, created_at, grant_id")
        .execute(Tuple.of(user))
        .map(
            rows -> {
              List<Grant> grants = new ArrayList<>();
              for (Row row : rows) {
                OffsetDateTime expires = row.getOffsetDateTime("expires_at");
                grants.add(
                    new Grant(
                        Bucket.valueOf(row.getString("bucket").toUpperCase()),
                        row.getString("grant_id"),
                        row.getInteger("granted"),
                        row.getInteger("balance"),
                        expires == null ? null : expires.toInstant()));
              }
              return grants;
            });
  }

  /** Whether the user ever bought a pack (out of everything, such a user gets 402, not 429). */
  public Uni<Boolean> hasPacks(SqlClient client, UUID user) {
    return client
        .preparedQuery(
            "SELECT EXISTS (SELECT 1 FROM credit_grants WHERE user_id = $1 AND bucket = 'pack')")
        .execute(Tuple.of(user))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** One page of the user's ledger, newest first, after the given id (keyset); limit + 1 rows. */
  public Uni<List<Entry>> page(SqlClient client, UUID user, int limit, Long beforeId) {
    return client
        .preparedQuery(
            "SELECT id, kind, bucket, amount, cause, created_at FROM credit_ledger"
                + " WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2)"
                + " ORDER BY id DESC LIMIT $3")
        .execute(Tuple.of(user, beforeId, limit + 1))
        .map(
            rows -> {
              List<Entry> entries = new ArrayList<>();
              for (Row row : rows) {
                entries.add(
                    new Entry(
                        row.getLong("id"),
                        row.getString("kind"),
                        row.getString("bucket"),
                        row.getInteger("amount"),
                        row.getString("cause"),
                        row.getOffsetDateTime("created_at")));
              }
              return entries;
            });
  }

  /** Everything credits hold of a deleted user (user.deleted), in the event's transaction. */
  public Uni<Void> deleteAllOf(SqlConnection tx, UUID user) {
    return tx.preparedQuery("DELETE FROM credit_ledger WHERE user_id = $1")
        .execute(Tuple.of(user))
        .flatMap(
            x ->
                tx.preparedQuery("DELETE FROM credit_grants WHERE user_id = $1")
                    .execute(Tuple.of(user)))
        .flatMap(
            x ->
                tx.preparedQuery("DELETE FROM credit_entitlements WHERE user_id = $1")
                    .execute(Tuple.of(user)))
        .replaceWithVoid();
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}
