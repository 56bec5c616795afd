package ai.monzie.generation.quota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The daily quota, decided by the database. One conditional upsert reserves a unit: it adds one
 * only while the count is below the limit, and returns no row when it is not. Concurrent requests
 * (on any number of instances) queue on the row lock, so exactly {@code limit} of them win. This
 * replaces the seed's track_daily_usage trigger, which counted after the fact and could be beaten.
 */
@ApplicationScoped
@Startup // registers its refusal counter at start, so the series exists at zero
public class DailyQuota {

  private final QuotaConfig config;
  private final Pool pool;
  private final Counter refusals;
  private final Clock clock = Clock.systemUTC();

  DailyQuota(QuotaConfig config, Pool pool, MeterRegistry registry) {
    this.config = config;
    this.pool = pool;
    this.refusals =
        Counter.builder("monzie.quota.refusals")
            .description("Generations refused at the daily limit")
            .register(registry);
  }

  /** The quota day that contains now, in the configured zone. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(config.dayZone()));
  }

  public Instant resetsAt(LocalDate day) {
    return day.plusDays(1).atStartOfDay(config.dayZone()).toInstant();
  }

  /**
   * Reserves one unit for the user today, in the caller's transaction (with the job and its event);
   * fails with {@link QuotaExceeded} at the limit. Premium users are counted, not limited.
   */
  public Uni<LocalDate> reserve(SqlConnection tx, UUID user, boolean premium) {
    LocalDate day = today();
    return tryReserve(tx, user, day, premium)
        .flatMap(won -> won ? Uni.createFrom().item(day) : refuse(tx, user, day));
  }

  /** Reserves one unit for the user on that day; false at the limit (premium: never). */
  public Uni<Boolean> tryReserve(SqlConnection tx, UUID user, LocalDate day, boolean premium) {
    Integer limit = premium ? null : config.freeDailyLimit();
    return tx.preparedQuery(
            "INSERT INTO usage_tracking AS u (user_id, date, generation_count)"
                + " SELECT $1, $2, 1 WHERE $3::int IS NULL OR $3::int > 0"
                + " ON CONFLICT (user_id, date) DO UPDATE"
                + " SET generation_count = u.generation_count + 1, updated_at = now()"
                + " WHERE $3::int IS NULL OR u.generation_count < $3::int"
                + " RETURNING generation_count")
        .execute(Tuple.of(user, day, limit))
        .map(rows -> rows.size() == 1);
  }

  /** The 429 of a free user at the daily limit, counted in monzie.quota.refusals. */
  public <T> Uni<T> refuse(SqlConnection tx, UUID user, LocalDate day) {
    refusals.increment();
    int limit = config.freeDailyLimit();
    return used(tx, user, day)
        .map(
            used -> {
              Instant resets = resetsAt(day);
              long retryAfter = Math.max(1, Duration.between(clock.instant(), resets).toSeconds());
              throw new QuotaExceeded(used, limit, resets, retryAfter);
            });
  }

  /** The free daily limit (monzie.quota.free-daily-limit). */
  public int freeDailyLimit() {
    return config.freeDailyLimit();
  }

  /** Gives a unit back (the generation failed), on the day it was reserved. */
  public Uni<Void> refund(SqlConnection tx, UUID user, LocalDate day) {
    return tx.preparedQuery(
            "UPDATE usage_tracking SET generation_count = generation_count - 1, updated_at = now()"
                + " WHERE user_id = $1 AND date = $2 AND generation_count > 0")
        .execute(Tuple.of(user, day))
        .replaceWithVoid();
  }

  /** Today's usage, read outside any transaction (GET /v1/usage/today). */
  public Uni<Usage> usageToday(UUID user, boolean premium) {
    return usageToday(pool, user, premium);
  }

  public Uni<Usage> usageToday(SqlClient client, UUID user, boolean premium) {
    LocalDate day = today();
    return used(client, user, day)
        .map(
            used ->
                new Usage(used, premium ? null : config.freeDailyLimit(), premium, resetsAt(day)));
  }

  private static Uni<Integer> used(SqlClient client, UUID user, LocalDate day) {
    return client
        .preparedQuery(
            "SELECT generation_count FROM usage_tracking WHERE user_id = $1 AND date = $2")
        .execute(Tuple.of(user, day))
        .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger(0));
  }

  /** Every usage row of a deleted user (user.deleted), in the event's transaction. */
  public Uni<Void> deleteAllOf(SqlConnection tx, UUID user) {
    return tx.preparedQuery("DELETE FROM usage_tracking WHERE user_id = $1")
        .execute(Tuple.of(user))
        .replaceWithVoid();
  }
}
