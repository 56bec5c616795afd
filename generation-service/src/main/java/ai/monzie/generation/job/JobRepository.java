package ai.monzie.generation.job;

import ai.monzie.generation.PageCursor;
import ai.monzie.generation.image.GeneratedImage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JobRepository {

  /** A job with its image when it has one (LEFT JOIN). */
  public record JobWithImage(Job job, GeneratedImage image) {}

  private static final String WITH_IMAGE =
      "SELECT "
          + Job.COLUMNS
          + ", "
          + GeneratedImage.COLUMNS.replaceAll("i\\.(\\w+)", "i.$1 AS img_$1")
          + " FROM generation_jobs j LEFT JOIN generated_images i ON i.id = j.image_id";

  /**
   * The claim order: a paying user's job counts as queued max-priority-wait earlier than it was, so
   * it goes before free jobs, yet a free job waits at most that long behind paying ones (aging).
   * {@code wait} is the number of the query parameter with that wait in seconds.
   */
  private static String rank(String alias, int wait) {
    return String.format(
        "(%1$s.created_at - CASE WHEN %1$s.paying THEN make_interval(secs => $%2$d)"
            + " ELSE interval '0' END)",
        alias, wait);
  }

  /** Inserts the job; empty when the user's Idempotency-Key is taken (a concurrent retry). */
  public Uni<Optional<Job>> insert(SqlConnection tx, Job job) {
    return tx.preparedQuery(
            "INSERT INTO generation_jobs AS j (id, user_id, status, provider, model, scene_id,"
                + " scene_name, scene_category, prompt, negative_prompt, image_size, aspect_ratio,"
                + " seed, original_photo_key, source_image_id, is_enhance, quota_date,"
                + " idempotency_key, request_hash, traceparent, paying) VALUES ($1, $2, 'queued', $3,"
                + " $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
                + " ON CONFLICT ON CONSTRAINT generation_jobs_idempotency DO NOTHING RETURNING "
                + Job.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  job.id(),
                  job.userId(),
                  job.render().provider(),
                  job.render().model(),
                  job.scene().id(),
                  job.scene().name(),
                  job.scene().category(),
                  job.render().prompt(),
                  job.render().negativePrompt(),
                  job.render().imageSize(),
                  job.render().aspectRatio(),
                  job.render().seed(),
                  job.originalPhotoKey(),
                  job.sourceImageId(),
                  job.isEnhance(),
                  job.origin().quotaDate(),
                  job.origin().idempotencyKey(),
                  job.origin().requestHash(),
                  job.origin().traceparent(),
                  job.origin().paying()
                }))
        .map(JobRepository::first);
  }

  public Uni<Optional<Job>> findByKey(SqlClient client, UUID user, String idempotencyKey) {
    return client
        .preparedQuery(
            "SELECT "
                + Job.COLUMNS
                + " FROM generation_jobs j"
                + " WHERE j.user_id = $1 AND j.idempotency_key = $2")
        .execute(Tuple.of(user, idempotencyKey))
        .map(JobRepository::first);
  }

  public Uni<Optional<JobWithImage>> findWithImage(SqlClient client, UUID user, UUID id) {
    return client
        .preparedQuery(WITH_IMAGE + " WHERE j.id = $1 AND j.user_id = $2")
        .execute(Tuple.of(id, user))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(withImage(rows.iterator().next())));
  }

  /**
   * The user's jobs in {@code statuses}, newest first by (created_at, id), one more row than asked
   * to know whether a page follows.
   */
  public Uni<List<JobWithImage>> page(
      SqlClient client, UUID user, List<String> statuses, int limit, PageCursor after) {
    return client
        .preparedQuery(
            WITH_IMAGE
                + " WHERE j.user_id = $1 AND j.status = ANY($2::text[])"
                + " AND ($3::timestamptz IS NULL OR (j.created_at, j.id) < ($3, $4::uuid))"
                + " ORDER BY j.created_at DESC, j.id DESC LIMIT $5")
        .execute(
            Tuple.from(
                new Object[] {
                  user,
                  statuses.toArray(String[]::new),
                  after == null ? null : after.createdAt(),
                  after == null ? null : after.id(),
                  limit + 1
                }))
        .map(JobRepository::withImages);
  }

  /** The user's job, locked until the transaction ends (a cancel against a finishing worker). */
  public Uni<Optional<Job>> lock(SqlConnection tx, UUID user, UUID id) {
    return tx.preparedQuery(
            "SELECT "
                + Job.COLUMNS
                + " FROM generation_jobs j WHERE j.id = $1 AND j.user_id = $2 FOR UPDATE")
        .execute(Tuple.of(id, user))
        .map(JobRepository::first);
  }

  /**
   * Cancels a queued or running job. Clearing the lease token makes the worker's final update (and
   * its lease renewal) miss, so a result that arrives later is discarded.
   */
  public Uni<Boolean> markCancelled(SqlConnection tx, Job job) {
    return tx.preparedQuery(
            "UPDATE generation_jobs SET status = 'cancelled', lease_token = NULL,"
                + " lease_until = NULL, finished_at = now(), updated_at = now()"
                + " WHERE id = $1 AND status IN ('queued', 'running')")
        .execute(Tuple.of(job.id()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Place in line of queued jobs (1 = next), in the claim's order, with its provider: how many
   * queued jobs of that provider a worker would take before each of these.
   */
  public Uni<Map<UUID, Integer>> positions(
      SqlClient client, List<UUID> queued, Duration maxPriorityWait) {
    if (queued.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return client
        .preparedQuery(
            "SELECT me.id, (SELECT count(*) FROM generation_jobs o WHERE o.status = 'queued'"
                + " AND o.provider = me.provider AND ("
                + rank("o", 2)
                + ", o.id) < ("
                + rank("me", 2)
                + ", me.id)) + 1 AS position"
                + " FROM generation_jobs me WHERE me.id = ANY($1::uuid[]) AND me.status = 'queued'")
        .execute(Tuple.of(queued.toArray(UUID[]::new), seconds(maxPriorityWait)))
        .map(
            rows -> {
              Map<UUID, Integer> positions = new HashMap<>();
              rows.forEach(row -> positions.put(row.getUUID("id"), row.getInteger("position")));
              return positions;
            });
  }

  /**
   * Mean seconds from claim to success of a provider's last {@code recent} succeeded jobs; empty
   * when it has none yet.
   */
  public Uni<Optional<Double>> recentDuration(SqlClient client, String provider, int recent) {
    return client
        .preparedQuery(
            "SELECT avg(extract(epoch FROM finished_at - started_at)) FROM (SELECT finished_at,"
                + " started_at FROM generation_jobs WHERE provider = $1 AND status = 'succeeded'"
                + " ORDER BY finished_at DESC LIMIT $2) d")
        .execute(Tuple.of(provider, recent))
        .map(
            rows -> {
              Object mean = rows.iterator().next().getValue(0);
              return mean == null
                  ? Optional.<Double>empty()
                  : Optional.of(((Number) mean).doubleValue());
            });
  }

  /** The user's jobs that are not finished (what a new status stream starts with). */
  public Uni<List<JobWithImage>> unfinishedOf(SqlClient client, UUID user) {
    return client
        .preparedQuery(
            WITH_IMAGE
                + " WHERE j.user_id = $1 AND j.status IN ('queued', 'running')"
                + " ORDER BY j.created_at")
        .execute(Tuple.of(user))
        .map(JobRepository::withImages);
  }

  /**
   * Claims up to {@code wanted} jobs of a provider: queued ones whose backoff is over, and running
   * ones whose lease ran out (their worker died). The advisory lock serialises claimers of one
   * provider across instances, so the running count and the claim agree and the provider's
   * concurrency limit holds; SKIP LOCKED keeps claimers from waiting on rows another one holds.
   */
  public Uni<List<Job>> claim(
      SqlConnection tx,
      String provider,
      int wanted,
      int limit,
      Duration lease,
      Duration maxPriorityWait) {
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext('monzie-claim-' || $1))")
        .execute(Tuple.of(provider))
        .flatMap(
            locked ->
                tx.preparedQuery(
                        "SELECT count(*) FROM generation_jobs WHERE provider = $1"
                            + " AND status = 'running' AND lease_until >= now()")
                    .execute(Tuple.of(provider)))
        .flatMap(
            counted -> {
              long running = counted.iterator().next().getLong(0);
              int n = (int) Math.min(wanted, limit - running);
              if (n <= 0) {
                return Uni.createFrom().item(List.<Job>of());
              }
              return tx.preparedQuery(
                      "UPDATE generation_jobs j SET status = 'running', attempts = j.attempts + 1,"
                          + " lease_token = gen_random_uuid(),"
                          + " lease_until = now() + make_interval(secs => $3),"
                          + " started_at = COALESCE(j.started_at, now()), updated_at = now()"
                          + " WHERE j.id IN (SELECT id FROM generation_jobs WHERE provider = $1"
                          + " AND ((status = 'queued' AND not_before <= now())"
                          + " OR (status = 'running' AND lease_until < now()))"
                          + " ORDER BY "
                          + rank("generation_jobs", 4)
                          + ", id FOR UPDATE SKIP LOCKED LIMIT $2) RETURNING "
                          + Job.COLUMNS)
                  .execute(Tuple.of(provider, n, seconds(lease), seconds(maxPriorityWait)))
                  .map(
                      rows -> {
                        List<Job> jobs = new ArrayList<>();
                        rows.forEach(row -> jobs.add(Job.from(row)));
                        return jobs;
                      });
            });
  }

  /**
   * Extends the lease while the worker still holds it; false when it was lost. A job handed over to
   * its provider (no lease, AwaitingRepository) is not taken back by a renewal still in flight.
   */
  public Uni<Boolean> renewLease(SqlClient client, Job job, Duration lease) {
    return client
        .preparedQuery(
            "UPDATE generation_jobs SET lease_until = now() + make_interval(secs => $3)"
                + " WHERE id = $1 AND status = 'running' AND lease_token = $2"
                + " AND lease_until IS NOT NULL")
        .execute(Tuple.of(job.id(), job.lease().token(), seconds(lease)))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * The final update of a success, guarded by the lease: a worker whose lease was taken over can no
   * longer finish the job, so a job finishes at most once.
   */
  public Uni<Boolean> markSucceeded(SqlConnection tx, Job job, UUID imageId) {
    return tx.preparedQuery(
            "UPDATE generation_jobs SET status = 'succeeded', image_id = $3, error = NULL,"
                + " lease_token = NULL, lease_until = NULL, finished_at = now(), updated_at = now()"
                + " WHERE id = $1 AND status = 'running' AND lease_token = $2")
        .execute(Tuple.of(job.id(), job.lease().token(), imageId))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<Boolean> markFailed(SqlConnection tx, Job job, String error) {
    return tx.preparedQuery(
            "UPDATE generation_jobs SET status = 'failed', error = $3, lease_token = NULL,"
                + " lease_until = NULL, finished_at = now(), updated_at = now()"
                + " WHERE id = $1 AND status = 'running' AND lease_token = $2")
        .execute(Tuple.of(job.id(), job.lease().token(), error))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Back to the queue after a retryable failure, not before the backoff is over. */
  public Uni<Boolean> requeue(SqlConnection tx, Job job, Duration delay, String error) {
    return tx.preparedQuery(
            "UPDATE generation_jobs SET status = 'queued', error = $3,"
                + " not_before = now() + make_interval(secs => $4), lease_token = NULL,"
                + " lease_until = NULL, updated_at = now()"
                + " WHERE id = $1 AND status = 'running' AND lease_token = $2")
        .execute(Tuple.of(job.id(), job.lease().token(), error, seconds(delay)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Queued jobs per provider (the queue depth gauge). */
  public Uni<Map<String, Long>> queueDepth(SqlClient client) {
    return client
        .query(
            "SELECT provider, count(*) AS n FROM generation_jobs WHERE status = 'queued'"
                + " GROUP BY provider")
        .execute()
        .map(
            rows -> {
              Map<String, Long> depth = new HashMap<>();
              rows.forEach(row -> depth.put(row.getString("provider"), row.getLong("n")));
              return depth;
            });
  }

  public Uni<Integer> deleteAllOf(SqlClient client, UUID user) {
    return client
        .preparedQuery("DELETE FROM generation_jobs WHERE user_id = $1")
        .execute(Tuple.of(user))
        .map(RowSet::rowCount);
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static List<JobWithImage> withImages(RowSet<Row> rows) {
    List<JobWithImage> jobs = new ArrayList<>();
    rows.forEach(row -> jobs.add(withImage(row)));
    return jobs;
  }

  private static JobWithImage withImage(Row row) {
    return new JobWithImage(Job.from(row), GeneratedImage.from(row, "img_"));
  }

  private static Optional<Job> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Job.from(rows.iterator().next()));
  }
}
