package ai.monzie.generation.worker;

import ai.monzie.generation.credits.Credits;
import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.generation.image.ImageRepository;
import ai.monzie.generation.job.GenerationFailed;
import ai.monzie.generation.job.ImageGenerated;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobSignals;
import ai.monzie.generation.job.JobStatus;
import ai.monzie.platform.auth.Revocations;
import ai.monzie.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * How a job ends. Each outcome is ONE transaction, guarded by the worker's lease: success writes
 * the image row, the job's status and {@code image.generated}; failure writes the status, gives the
 * quota unit back and writes {@code generation.failed}. A worker that lost its lease changes
 * nothing, and a job of a user deleted meanwhile is discarded (the answer is false both times).
 */
@ApplicationScoped
public class JobOutcomes {

  private final Pool pool;
  private final JobRepository jobs;
  private final ImageRepository images;
  private final Credits quota;
  private final OutboxWriter outbox;
  private final JobSignals signals;
  private final Revocations revocations;

  JobOutcomes(
      Pool pool,
      JobRepository jobs,
      ImageRepository images,
      Credits quota,
      OutboxWriter outbox,
      JobSignals signals,
      Revocations revocations) {
    this.revocations = revocations;
    this.pool = pool;
    this.jobs = jobs;
    this.images = images;
    this.quota = quota;
    this.outbox = outbox;
    this.signals = signals;
  }

  /** Thrown inside an outcome's transaction to roll it back when the lease was lost. */
  static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super("lease lost", null, false, false);
    }
  }

  /**
   * Stores the image and ends the job, unless the user was deleted meanwhile: then the job is
   * discarded (no image row, no event) and the answer is false, so the worker deletes its files.
   */
  public Uni<Boolean> succeed(Job job, GeneratedImage image) {
    return pool.withTransaction(
            tx ->
                revocations
                    .isDeleted(tx, job.userId())
                    .flatMap(
                        deleted ->
                            deleted
                                ? jobs.deleteAllOf(tx, job.userId()).replaceWith(false)
                                : store(tx, job, image).replaceWith(true)))
        .onFailure(LeaseLost.class)
        .recoverWithItem(false);
  }

  private Uni<Void> store(SqlConnection tx, Job job, GeneratedImage image) {
    return jobs.markSucceeded(tx, job, image.id())
        .flatMap(
            held -> {
              if (!held) {
                return Uni.createFrom().failure(new LeaseLost());
              }
              return images
                  .insert(tx, image)
                  .call(
                      () ->
                          outbox.append(
                              tx, ImageGenerated.of(job, image), job.origin().traceparent()))
                  .call(
                      () -> signals.statusChanged(tx, job, JobStatus.SUCCEEDED, image.id(), null));
            })
        .replaceWithVoid();
  }

  public Uni<Boolean> fail(Job job, String reason) {
    return pool.withTransaction(
            tx ->
                jobs.markFailed(tx, job, reason)
                    .flatMap(
                        held -> {
                          if (!held) {
                            return Uni.createFrom().failure(new LeaseLost());
                          }
                          return quota
                              .refund(tx, job.userId(), job.id(), job.origin().quotaDate())
                              .call(
                                  () ->
                                      outbox.append(
                                          tx,
                                          new GenerationFailed(
                                              job.id(),
                                              job.userId(),
                                              job.scene().id(),
                                              job.render().model(),
                                              reason,
                                              Instant.now()),
                                          job.origin().traceparent()))
                              .call(
                                  () ->
                                      signals.statusChanged(
                                          tx, job, JobStatus.FAILED, null, reason));
                        }))
        .replaceWith(true)
        .onFailure(LeaseLost.class)
        .recoverWithItem(false);
  }

  /** A retryable failure: back to the queue after the delay, the attempt counted. */
  public Uni<Boolean> retryLater(Job job, Duration delay, String reason) {
    return pool.withTransaction(
        tx ->
            jobs.requeue(tx, job, delay, reason)
                .call(
                    held ->
                        held
                            ? signals.jobQueued(tx, job.render().provider())
                            : Uni.createFrom().voidItem()));
  }
}
