package ai.monzie.analytics.stats;

import static ai.monzie.platform.problem.ProblemException.invalid;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The seed's analytics queries, for operators. */
@Path("/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("service_role")
public class StatsResource {

  public record DailyGenerations(
      LocalDate date,
      int totalGenerations,
      int uniqueUsers,
      Double avgGenerationTime,
      Double p95GenerationTime,
      int failures) {}

  public record DailyCount(LocalDate date, long count) {}

  public record DailyActiveUsers(LocalDate date, long activeUsers) {}

  private final Pool pool;

  StatsResource(Pool pool) {
    this.pool = pool;
  }

  @GET
  @Path("/generations/daily")
  @Operation(summary = "Generations per day, newest first (from the generation_stats projection)")
  public Uni<List<DailyGenerations>> daily(@QueryParam("days") String days) {
    int n = days(days);
    return list(
        pool.preparedQuery(
                "SELECT date, total_generations, unique_users, avg_generation_time,"
                    + " p95_generation_time, failures FROM generation_stats WHERE date > current_date - $1::int"
                    + " ORDER BY date DESC")
            .execute(Tuple.of(n)),
        r ->
            new DailyGenerations(
                r.getLocalDate("date"),
                r.getInteger("total_generations"),
                r.getInteger("unique_users"),
                r.getDouble("avg_generation_time"),
                r.getDouble("p95_generation_time"),
                r.getInteger("failures")));
  }

  @GET
  @Path("/events")
  @Operation(summary = "Event counts per day for a name, between from and to (inclusive dates)")
  public Uni<List<DailyCount>> events(
      @QueryParam("name") String name,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("platform") String platform) {
    if (name == null || name.isBlank()) {
      throw invalid("name", "required");
    }
    LocalDate end = date("to", to, LocalDate.now(ZoneOffset.UTC));
    LocalDate start = date("from", from, end.minusDays(29));
    if (start.isAfter(end)) {
      throw invalid("from", "must not be after to");
    }
    if (platform != null && !List.of("ios", "android", "web").contains(platform)) {
      throw invalid("platform", "must be ios, android or web");
    }
    return list(
        pool.preparedQuery(
                "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n"
                    + " FROM analytics_events WHERE event_name = $1 AND created_at >= $2::date"
                    + " AND created_at < $3::date + 1 AND ($4::text IS NULL OR platform = $4)"
                    + " GROUP BY 1 ORDER BY 1 DESC")
            .execute(Tuple.of(name, start, end, platform)),
        r -> new DailyCount(r.getLocalDate("day"), r.getLong("n")));
  }

  @GET
  @Path("/active-users")
  @Operation(summary = "Distinct users with any event per day, newest first")
  public Uni<List<DailyActiveUsers>> activeUsers(@QueryParam("days") String days) {
    int n = days(days);
    return list(
        pool.preparedQuery(
                "SELECT (created_at AT TIME ZONE 'UTC')::date AS day,"
                    + " count(DISTINCT user_id) AS n FROM analytics_events"
                    + " WHERE created_at >= current_date - ($1::int - 1) AND user_id IS NOT NULL GROUP BY 1 ORDER BY 1 DESC")
            .execute(Tuple.of(n)),
        r -> new DailyActiveUsers(r.getLocalDate("day"), r.getLong("n")));
  }

  private static <T> Uni<List<T>> list(
      Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> rows, Function<Row, T> map) {
    return rows.map(
        set -> {
          List<T> out = new ArrayList<>();
          set.forEach(r -> out.add(map.apply(r)));
          return out;
        });
  }

  private static int days(String text) {
    if (text == null) {
      return 30;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 400) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw invalid("days", "a whole number from 1 to 400");
  }

  private static LocalDate date(String field, String text, LocalDate fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(field, "a date like 2026-11-25");
    }
  }
}
