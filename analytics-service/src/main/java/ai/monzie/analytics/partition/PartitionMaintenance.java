package ai.monzie.analytics.partition;

import ai.monzie.analytics.AnalyticsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Keeps one partition of analytics_events per month: from the start of the retention window to
 * {@code partitions-ahead} months ahead, so every accepted event has a partition; drops the ones
 * that fall out of the retention. Idempotent; several replicas take turns behind an advisory lock.
 */
@ApplicationScoped
public class PartitionMaintenance {

  private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
  private static final Pattern NAME = Pattern.compile("analytics_events_(\\d{4})_(\\d{2})");

  private final Pool pool;
  private final AnalyticsConfig config;

  PartitionMaintenance(Pool pool, AnalyticsConfig config) {
    this.pool = pool;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    // before the first request: an event must never lack its partition
    maintain(YearMonth.now(ZoneOffset.UTC)).await().atMost(Duration.ofSeconds(60));
  }

  @Scheduled(
      every = "${monzie.analytics.maintenance-interval}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    return maintain(YearMonth.now(ZoneOffset.UTC)).replaceWithVoid();
  }

  /** The first month still kept: events older than its start are refused and dropped. */
  public YearMonth oldestKept(YearMonth now) {
    return now.minusMonths(config.retentionMonths() - 1L);
  }

  /**
   * Creates the missing partitions and drops expired ones; returns the names dropped. Runs in one
   * transaction behind an advisory lock: replicas starting together otherwise race between
   * PostgreSQL's IF NOT EXISTS check and the catalog insert, and the loser fails with "relation
   * already exists" (which stopped an analytics replica from starting).
   */
  public Uni<List<String>> maintain(YearMonth now) {
    List<String> creates = new ArrayList<>();
    for (YearMonth m = oldestKept(now);
        !m.isAfter(now.plusMonths(config.partitionsAhead()));
        m = m.plusMonths(1)) {
      creates.add(
          "CREATE TABLE IF NOT EXISTS "
              + name(m)
              + " PARTITION OF analytics_events FOR VALUES FROM ('"
              + m.atDay(1)
              + "') TO ('"
              + m.plusMonths(1).atDay(1)
              + "')");
    }
    return pool.withTransaction(
        tx ->
            tx.query("SELECT pg_advisory_xact_lock(hashtext('monzie-analytics-partitions'))")
                .execute()
                .flatMap(x -> inOrder(tx, creates))
                .flatMap(x -> existing(tx))
                .flatMap(
                    names -> {
                      List<String> expired =
                          names.stream().filter(n -> month(n).isBefore(oldestKept(now))).toList();
                      return inOrder(
                              tx, expired.stream().map(n -> "DROP TABLE IF EXISTS " + n).toList())
                          .invoke(
                              x -> {
                                if (!expired.isEmpty()) {
                                  LOG.infof(
                                      "dropped partitions past the %d-month retention: %s",
                                      config.retentionMonths(), expired);
                                }
                              })
                          .replaceWith(expired);
                    }));
  }

  private static Uni<Void> inOrder(SqlClient client, List<String> statements) {
    return Multi.createFrom()
        .iterable(statements)
        .onItem()
        .transformToUniAndConcatenate(sql -> client.query(sql).execute())
        .collect()
        .last()
        .replaceWithVoid();
  }

  public Uni<List<String>> existing() {
    return existing(pool);
  }

  private static Uni<List<String>> existing(SqlClient client) {
    return client
        .query(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'analytics_events' ORDER BY 1")
        .execute()
        .map(
            rows -> {
              List<String> names = new ArrayList<>();
              rows.forEach(
                  r -> {
                    if (NAME.matcher(r.getString(0)).matches()) {
                      names.add(r.getString(0));
                    }
                  });
              return names;
            });
  }

  public static String name(YearMonth month) {
    return String.format("analytics_events_%04d_%02d", month.getYear(), month.getMonthValue());
  }

  static YearMonth month(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException(name);
    }
    return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The earliest instant an event may carry (start of the oldest kept month). */
  public java.time.OffsetDateTime earliestAccepted() {
    LocalDate start = oldestKept(YearMonth.now(ZoneOffset.UTC)).atDay(1);
    return start.atStartOfDay().atOffset(ZoneOffset.UTC);
  }
}
