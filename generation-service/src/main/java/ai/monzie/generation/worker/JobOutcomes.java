package ai.monzie.generation.worker;

import ai.monzie.generation.credits.Credits;
import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.generation.image.ImageRepository;
import ai.monzie.generation.job.AwaitingRepository;
import ai.monzie.generation.job.GenerationCancelled;
import ai.monzie.generation.job.GenerationFailed;
import ai.monzie.generation.job.ImageGenerated;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobSignals;
import ai.monzie.generation.job.JobStatus;
import ai.monzie.generation.model.ImageModels;
import ai.monzie.generation.model.QueuedImageModel;
import ai.monzie.platform.auth.Revocations;
import ai.monzie.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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
  private final AwaitingRepository awaiting;
  private final ImageModels models;

  JobOutcomes(
      Pool pool,
      JobRepository jobs,
      ImageRepository images,
      Credits quota,
      OutboxWriter outbox,
      JobSignals signals,
      Revocations revocations,
      AwaitingRepository awaiting,
      ImageModels models) {
    this.revocations = revocations;
    this.awaiting = awaiting;
    this.models = models;
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
                          return giveBack(tx, job)
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

  /**
   * The user cancels a queued or running job: its status, the unit back (as for a failure) and
   * {@code generation.cancelled}; a running one is stopped at the provider by its worker, and a
   * result that arrives later misses the cleared lease and is discarded. Empty when the user has no
   * such job; {@link JobFinished} when it already ended.
   */
  public Uni<Optional<Job>> cancel(UUID user, UUID id) {
    return pool.withTransaction(
            tx ->
                jobs.lock(tx, user, id)
                    .flatMap(
                        found -> {
                          if (found.isEmpty()) {
                            return Uni.createFrom().item(Optional.<Job>empty());
                          }
                          Job job = found.get();
                          if (job.status().finished()) {
                            return Uni.createFrom().failure(new JobFinished(job.status()));
                          }
                          return jobs.markCancelled(tx, job)
                              .call(() -> giveBack(tx, job))
                              .call(
                                  () ->
                                      outbox.append(
                                          tx,
                                          GenerationCancelled.byUser(job),
                                          job.origin().traceparent()))
                              .call(
                                  () ->
                                      job.status() == JobStatus.RUNNING
                                          ? signals.jobCancelled(tx, job)
                                          : Uni.createFrom().voidItem())
                              .call(
                                  () ->
                                      signals.statusChanged(
                                          tx, job, JobStatus.CANCELLED, null, null))
                              .replaceWith(Optional.of(job));
                        }))
        .call(cancelled -> cancelAtProvider(cancelled));
  }

  /**
   * A job that waits on its provider has no worker attempt to stop: cancel its request there, after
   * the commit (a late result misses the cleared lease token anyway).
   */
  private Uni<Void> cancelAtProvider(Optional<Job> cancelled) {
    if (cancelled.isEmpty() || cancelled.get().status() != JobStatus.RUNNING) {
      return Uni.createFrom().voidItem();
    }
    return awaiting
        .byJob(pool, cancelled.get().id())
        .flatMap(
            waiting -> {
              if (waiting.isEmpty()
                  || !(models.of(waiting.get().job().render().provider())
                      instanceof QueuedImageModel model)) {
                return Uni.createFrom().voidItem();
              }
              return model.cancel(waiting.get().request());
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** A cancel of a job that already ended. */
  public static final class JobFinished extends RuntimeException {
    private final JobStatus status;

    JobFinished(JobStatus status) {
      super("already " + status.value(), null, false, false);
      this.status = status;
    }

    public JobStatus status() {
      return status;
    }
  }

  /** The quota unit of a job that produced nothing goes back, on the day it was reserved. */
  private Uni<Void> giveBack(SqlConnection tx, Job job) {
    return quota.refund(tx, job.userId(), job.id(), job.origin().quotaDate());
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
