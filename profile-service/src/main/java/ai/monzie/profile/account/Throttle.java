package ai.monzie.profile.account;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Attempt limits decided by the database, shaped like generation's DailyQuota: one conditional
 * upsert per key takes an attempt only while the key is below its limit, so concurrent attempts (on
 * any number of instances) queue on the row lock and at most {@code max} of them pass. An attempt
 * is taken BEFORE the work it guards (a password check), and given back when that work succeeded:
 * reading a count, checking and writing it later let 30 parallel wrong passwords all through.
 */
@ApplicationScoped
public class Throttle {

  /**
   * One room: at most {@code max} attempts per {@code window}. With {@code escalate}, every time
   * the room fills it stays shut twice as long as the time before (up to the configured maximum),
   * so a guesser who waits out one lockout meets a longer one.
   */
  public record Limit(String key, int max, Duration window, boolean escalate) {}

  /** Refused: the room named is full until {@code retryAfterSeconds} from now. */
  public static final class Throttled extends RuntimeException {
    private final long retryAfterSeconds;

    Throttled(long retryAfterSeconds) {
      super("throttled", null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  private final Pool pool;
  private final AuthConfig config;

  Throttle(Pool pool, AuthConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /**
   * Takes one attempt in every room, or none: when one room is full the transaction rolls back (the
   * others keep their count) and {@link Throttled} says when it opens again.
   */
  public Uni<Void> take(List<Limit> limits) {
    // keys in one order, so two attempts over the same rooms never wait on each other's locks
    List<Limit> ordered = limits.stream().sorted(Comparator.comparing(Limit::key)).toList();
    return pool.withTransaction(conn -> takeEach(conn, ordered, 0));
  }

  private Uni<Void> takeEach(SqlConnection tx, List<Limit> limits, int index) {
    if (index == limits.size()) {
      return Uni.createFrom().voidItem();
    }
    Limit limit = limits.get(index);
    return tx.preparedQuery(
            "INSERT INTO throttle AS t (key, attempts, resets_at)"
                + " VALUES ($1, 1, now() + make_interval(secs => $3))"
                + " ON CONFLICT (key) DO UPDATE SET"
                + "  attempts = CASE WHEN t.resets_at <= now() THEN 1 ELSE t.attempts + 1 END,"
                // lockouts in a row: a window that ended without one starts the count again
                + "  lockouts = CASE WHEN t.resets_at > now() OR t.attempts >= $2"
                + "   THEN t.lockouts ELSE 0 END,"
                + "  resets_at = CASE WHEN t.resets_at <= now()"
                + "   THEN now() + make_interval(secs => $3) ELSE t.resets_at END"
                + " WHERE t.resets_at <= now() OR t.attempts < $2"
                + " RETURNING attempts, lockouts")
        .execute(Tuple.of(limit.key(), limit.max(), (double) limit.window().toSeconds()))
        .flatMap(
            rows -> {
              if (rows.size() == 0) {
                return retryAfter(tx, limit.key())
                    .flatMap(seconds -> Uni.createFrom().<Void>failure(new Throttled(seconds)));
              }
              var row = rows.iterator().next();
              Uni<Void> filled =
                  limit.escalate() && row.getInteger("attempts") >= limit.max()
                      ? lockOut(tx, limit, row.getInteger("lockouts"))
                      : Uni.createFrom().voidItem();
              return filled.flatMap(x -> takeEach(tx, limits, index + 1));
            });
  }

  /** The room just filled: shut for window x 2^lockouts (capped), counting this lockout. */
  private Uni<Void> lockOut(SqlConnection tx, Limit limit, int lockouts) {
    long seconds =
        Math.min(
            limit.window().toSeconds() << Math.min(lockouts, 30), config.maxLockout().toSeconds());
    return tx.preparedQuery(
            "UPDATE throttle SET resets_at = now() + make_interval(secs => $2),"
                + " lockouts = lockouts + 1 WHERE key = $1")
        .execute(Tuple.of(limit.key(), (double) seconds))
        .replaceWithVoid();
  }

  private static Uni<Long> retryAfter(SqlConnection tx, String key) {
    return tx.preparedQuery(
            "SELECT greatest(1, ceil(extract(epoch FROM resets_at - now())))::bigint"
                + " FROM throttle WHERE key = $1")
        .execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? 1L : rows.iterator().next().getLong(0));
  }

  /** Gives an attempt back (the password was right: only failures count). */
  public Uni<Void> giveBack(List<String> keys) {
    return pool.preparedQuery(
            "UPDATE throttle SET attempts = attempts - 1 WHERE key = ANY($1) AND attempts > 0")
        .execute(Tuple.of(keys.toArray(String[]::new)))
        .replaceWithVoid();
  }

  /** Forgets a room entirely (its owner proved who they are), lockout history included. */
  public Uni<Void> forget(String key) {
    return pool.preparedQuery("DELETE FROM throttle WHERE key = $1")
        .execute(Tuple.of(key))
        .replaceWithVoid();
  }

  /** Rooms shut longer ago than the longest lockout carry nothing worth keeping. */
  @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> sweep() {
    return pool.preparedQuery(
            "DELETE FROM throttle WHERE resets_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of((double) config.maxLockout().toSeconds()))
        .replaceWithVoid();
  }
}
