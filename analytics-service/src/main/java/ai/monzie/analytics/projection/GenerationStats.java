package ai.monzie.analytics.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/**
 * The seed's "Daily Generation Stats" as a projection: a day's row is recomputed from that day's
 * partition slice whenever one of its generation events arrives, so it is exact under redelivery
 * (the event ids make the inputs exact) and readers never scan raw events.
 */
@ApplicationScoped
public class GenerationStats {

  public Uni<Void> recompute(SqlClient tx, LocalDate day) {
    return tx.preparedQuery(
            "INSERT INTO generation_stats (date, total_generations, unique_users, avg_generation_time,"
                + " p95_generation_time, failures, updated_at)"
                + " SELECT $1::date,"
                + " count(*) FILTER (WHERE event_name = 'image.generated'),"
                + " count(DISTINCT user_id) FILTER (WHERE event_name = 'image.generated'),"
                + " avg((event_properties->>'generation_time')::float8) FILTER (WHERE event_name = 'image.generated'),"
                + " percentile_cont(0.95) WITHIN GROUP (ORDER BY (event_properties->>'generation_time')::float8)"
                + "   FILTER (WHERE event_name = 'image.generated'),"
                + " count(*) FILTER (WHERE event_name = 'generation.failed'), now()"
                + " FROM analytics_events WHERE source = 'server'"
                + " AND event_name IN ('image.generated', 'generation.failed')"
                + " AND created_at >= $1::date AND created_at < $1::date + 1"
                + " ON CONFLICT (date) DO UPDATE SET total_generations = EXCLUDED.total_generations,"
                + " unique_users = EXCLUDED.unique_users, avg_generation_time = EXCLUDED.avg_generation_time,"
                + " p95_generation_time = EXCLUDED.p95_generation_time, failures = EXCLUDED.failures,"
                + " updated_at = now()")
        .execute(Tuple.of(day))
        .replaceWithVoid();
  }
}
