package ai.monzie.generation.job;

import ai.monzie.generation.model.ProviderRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of jobs waiting on their provider (V7): a job stays {@code running} with its lease token
 * (which guards its final update, and which a cancel clears) but {@code lease_until NULL}, so the
 * claim neither counts it against the provider's concurrency nor takes it back.
 */
@ApplicationScoped
public class AwaitingRepository {

  private static final String COLUMNS =
      Job.COLUMNS
          + ", j.provider_request_id, j.provider_status_url, j.provider_response_url,"
          + " j.provider_cancel_url, j.submitted_at";

  /**
   * The worker hands its job to the provider: the request recorded, the lease (its slot) given up,
   * the first poll due after {@code pollIn}. False when the worker no longer holds the job (the
   * user cancelled it meanwhile).
   */
  public Uni<Boolean> await(SqlClient client, Job job, ProviderRequest request, Duration pollIn) {
    return client
        .preparedQuery(
            "UPDATE generation_jobs SET provider_request_id = $3, provider_status_url = $4,"
                + " provider_response_url = $5, provider_cancel_url = $6, submitted_at = now(),"
                + " poll_after = now() + make_interval(secs => $7), lease_until = NULL,"
                + " updated_at = now()"
                + " WHERE id = $1 AND status = 'running' AND lease_token = $2")
        .execute(
            Tuple.from(
                new Object[] {
                  job.id(),
                  job.lease().token(),
                  request.requestId(),
                  request.statusUrl(),
                  request.responseUrl(),
                  request.cancelUrl(),
                  seconds(pollIn)
                }))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The job a provider's request belongs to, in whatever state it is now. */
  public Uni<Optional<Awaiting>> byRequest(SqlClient client, String provider, String requestId) {
    return client
        .preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM generation_jobs j WHERE j.provider = $1 AND j.provider_request_id = $2")
        .execute(Tuple.of(provider, requestId))
        .map(AwaitingRepository::first);
  }

  /** The provider request of a job, whatever its state (a cancel stops it at the provider). */
  public Uni<Optional<Awaiting>> byJob(SqlClient client, UUID job) {
    return client
        .preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM generation_jobs j WHERE j.id = $1 AND j.provider_request_id IS NOT NULL")
        .execute(Tuple.of(job))
        .map(AwaitingRepository::first);
  }

  /**
   * Takes up to {@code limit} waiting jobs of a provider whose poll is due and moves their next
   * poll {@code next} ahead, in one statement: SKIP LOCKED and the moved time keep two instances'
   * sweepers from polling one job at once.
   */
  public Uni<List<Awaiting>> duePolls(SqlClient client, String provider, int limit, Duration next) {
    return client
        .preparedQuery(
            "UPDATE generation_jobs j SET poll_after = now() + make_interval(secs => $3)"
                + " WHERE j.id IN (SELECT id FROM generation_jobs WHERE status = 'running'"
                + " AND lease_until IS NULL AND provider_request_id IS NOT NULL"
                + " AND provider = $1 AND poll_after <= now()"
                + " ORDER BY poll_after FOR UPDATE SKIP LOCKED LIMIT $2) RETURNING "
                + COLUMNS)
        .execute(Tuple.of(provider, limit, seconds(next)))
        .map(
            rows -> {
              List<Awaiting> due = new ArrayList<>();
              rows.forEach(row -> due.add(from(row)));
              return due;
            });
  }

  private static Optional<Awaiting> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(from(rows.iterator().next()));
  }

  private static Awaiting from(Row row) {
    return new Awaiting(
        Job.from(row),
        new ProviderRequest(
            row.getString("provider_request_id"),
            row.getString("provider_status_url"),
            row.getString("provider_response_url"),
            row.getString("provider_cancel_url")),
        row.getOffsetDateTime("submitted_at"));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
