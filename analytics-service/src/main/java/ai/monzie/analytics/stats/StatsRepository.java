package ai.monzie.analytics.stats;

import ai.monzie.analytics.stats.StatsResource.DailyActiveUsers;
import ai.monzie.analytics.stats.StatsResource.DailyCount;
import ai.monzie.analytics.stats.StatsResource.DailyGenerations;
import ai.monzie.analytics.stats.StatsResource.DailyShares;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The operators' read queries over the generation_stats projection and the raw events. */
@ApplicationScoped
public class StatsRepository {

  private final Pool pool;

  StatsRepository(Pool pool) {
    this.pool = pool;
  }

  /** The last {@code days} days of generation_stats, today included, newest first. */
  public Uni<List<DailyGenerations>> dailyGenerations(int days) {
    return list(
        pool.preparedQuery(
                """
                SELECT date, total_generations, unique_users, avg_generation_time,
                       p95_generation_time, failures
                FROM generation_stats WHERE date > current_date - $1::int
                ORDER BY date DESC""")
            .execute(Tuple.of(days)),
        r ->
            new DailyGenerations(
                r.getLocalDate("date"),
                r.getInteger("total_generations"),
                r.getInteger("unique_users"),
                r.getDouble("avg_generation_time"),
                r.getDouble("p95_generation_time"),
                r.getInteger("failures")));
  }

  /** Counts of one event per UTC day in [start, end], optionally for one platform. */
  public Uni<List<DailyCount>> dailyEventCounts(
      String name, LocalDate start, LocalDate end, String platform) {
    return list(
        pool.preparedQuery(
                """
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n
                FROM analytics_events WHERE event_name = $1 AND created_at >= $2::date
                  AND created_at < $3::date + 1 AND ($4::text IS NULL OR platform = $4)
                GROUP BY 1 ORDER BY 1 DESC""")
            .execute(Tuple.of(name, start, end, platform)),
        r -> new DailyCount(r.getLocalDate("day"), r.getLong("n")));
  }

  /** Distinct signed-in users with any event per UTC day, the last {@code days} days. */
  public Uni<List<DailyActiveUsers>> dailyActiveUsers(int days) {
    return list(
        pool.preparedQuery(
                """
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day,
                       count(DISTINCT user_id) AS n
                FROM analytics_events
                WHERE created_at >= current_date - ($1::int - 1) AND user_id IS NOT NULL
                GROUP BY 1 ORDER BY 1 DESC""")
            .execute(Tuple.of(days)),
        r -> new DailyActiveUsers(r.getLocalDate("day"), r.getLong("n")));
  }

  /**
   * Share links made and share views per UTC day, the last {@code days} days, from the image.shared
   * and image.share_viewed events (views are counted only here, never by the service that serves
   * them).
   */
  public Uni<List<DailyShares>> dailyShares(int days) {
    return list(
        pool.preparedQuery(
                """
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day,
                       count(*) FILTER (WHERE event_name = 'image.shared') AS shares,
                       count(*) FILTER (WHERE event_name = 'image.share_viewed') AS views,
                       count(DISTINCT event_properties->>'image_id')
                         FILTER (WHERE event_name = 'image.share_viewed') AS images_viewed
                FROM analytics_events
                WHERE event_name IN ('image.shared', 'image.share_viewed')
                  AND created_at >= current_date - ($1::int - 1)
                GROUP BY 1 ORDER BY 1 DESC""")
            .execute(Tuple.of(days)),
        r ->
            new DailyShares(
                r.getLocalDate("day"),
                r.getLong("shares"),
                r.getLong("views"),
                r.getLong("images_viewed")));
  }

  private static <T> Uni<List<T>> list(Uni<RowSet<Row>> rows, Function<Row, T> map) {
    return rows.map(
        set -> {
          List<T> out = new ArrayList<>();
          set.forEach(r -> out.add(map.apply(r)));
          return out;
        });
  }
}
