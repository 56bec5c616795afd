package ai.monzie.generation.worker;

import ai.monzie.generation.job.Awaiting;
import ai.monzie.generation.job.AwaitingRepository;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.QueueConfig;
import ai.monzie.generation.model.FalConfig;
import ai.monzie.generation.model.ModelFailure;
import ai.monzie.generation.model.ModelOutput;
import ai.monzie.generation.model.ProviderRequest;
import ai.monzie.generation.model.QueuedImageModel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Jobs of a queued provider (fal) after their submission: the worker hands the job over and frees
 * its slot; the provider's answer — its webhook or the sweeper's poll — ends it exactly as the
 * worker would have (the image stored, {@code image.generated}; or failed with the unit back).
 * Every end goes through {@link JobOutcomes}, whose update is conditional on the job's lease token:
 * a replayed webhook, a webhook racing a poll, or a result after a cancel changes nothing more.
 */
@ApplicationScoped
public class ProviderResults {

  private static final Logger LOG = Logger.getLogger(ProviderResults.class);

  /** What a provider's answer did to its job. */
  public enum Settled {
    SUCCEEDED,
    FAILED,
    /** The job had already ended (a replay, a cancelled job's late result): nothing changed. */
    ALREADY_ENDED,
    /** The provider is still working, or its answer could not be used yet: polled again later. */
    NOT_YET
  }

  private final Pool pool;
  private final AwaitingRepository awaiting;
  private final JobRepository jobs;
  private final JobOutcomes outcomes;
  private final ResultStore results;
  private final WorkerMetrics metrics;
  private final FalConfig fal;
  private final QueueConfig queue;

  ProviderResults(
      Pool pool,
      AwaitingRepository awaiting,
      JobRepository jobs,
      JobOutcomes outcomes,
      ResultStore results,
      WorkerMetrics metrics,
      FalConfig fal,
      QueueConfig queue) {
    this.pool = pool;
    this.awaiting = awaiting;
    this.jobs = jobs;
    this.outcomes = outcomes;
    this.results = results;
    this.metrics = metrics;
    this.fal = fal;
    this.queue = queue;
  }

  /**
   * The worker's job was accepted by the provider: record the request and give the slot up. With
   * webhooks the first poll is due {@code monzie.fal.webhook-grace} past the expected time (the
   * provider's recent durations, as eta_seconds); without, after one poll interval. A job cancelled
   * while it was being submitted is cancelled at the provider too.
   */
  Uni<Void> handOver(Job job, QueuedImageModel model, ProviderRequest request) {
    Uni<Duration> firstPoll =
        model.webhooks()
            ? jobs.recentDuration(pool, job.render().provider(), queue.etaRecentJobs())
                .map(
                    mean ->
                        fal.webhookGrace()
                            .plusMillis(mean.map(seconds -> (long) (seconds * 1000)).orElse(0L)))
            : Uni.createFrom().item(fal.pollInterval());
    return firstPoll
        .flatMap(pollIn -> awaiting.await(pool, job, request, pollIn))
        .flatMap(
            held -> {
              if (held) {
                LOG.debugf("job %s: submitted as %s, waiting", job.id(), request.requestId());
                return Uni.createFrom().voidItem();
              }
              LOG.infof("job %s: cancelled while submitted, cancelling at the provider", job.id());
              return model.cancel(request);
            });
  }

  /**
   * Ends a waiting job with the provider's answer: the image (stored, then the job's success),
   * empty while the provider works. A failure that says the request cannot succeed fails the job
   * (unit back); a passing one (a download that broke) leaves it waiting for the next poll.
   */
  public Uni<Settled> settle(Awaiting waiting, Uni<Optional<ModelOutput>> answer) {
    Job job = waiting.job();
    if (job.status().finished()) {
      return Uni.createFrom().item(Settled.ALREADY_ENDED); // nothing downloaded, no file kept
    }
    return answer
        .flatMap(
            output -> {
              if (output.isEmpty()) {
                return Uni.createFrom().item(Settled.NOT_YET);
              }
              return results
                  .store(job, output.get(), waiting.seconds())
                  .flatMap(
                      image ->
                          outcomes
                              .succeed(job, image)
                              .flatMap(
                                  done -> {
                                    if (done) {
                                      LOG.infof(
                                          "job %s succeeded in %.3f s (model %s, provider request"
                                              + " %s)",
                                          job.id(),
                                          image.generationTime(),
                                          job.render().model(),
                                          waiting.request().requestId());
                                      return Uni.createFrom().item(Settled.SUCCEEDED);
                                    }
                                    // ended meanwhile (cancelled, a replay won): drop our files
                                    return results
                                        .discard(image)
                                        .replaceWith(Settled.ALREADY_ENDED);
                                  }));
            })
        .onFailure(ModelFailure.class)
        .recoverWithUni(
            error -> {
              ModelFailure failure = (ModelFailure) error;
              metrics.failed(job.render().provider(), failure.reason());
              if (failure.retryable()) {
                LOG.infof(
                    "job %s: provider answer not usable yet (%s): %s",
                    job.id(), failure.reason(), failure.getMessage());
                return Uni.createFrom().item(Settled.NOT_YET);
              }
              return fail(waiting, failure.getMessage());
            });
  }

  /** Fails a waiting job (the provider's error, a timeout): the unit back, once. */
  public Uni<Settled> fail(Awaiting waiting, String reason) {
    if (waiting.job().status().finished()) {
      return Uni.createFrom().item(Settled.ALREADY_ENDED);
    }
    LOG.infof("job %s failed at the provider: %s", waiting.job().id(), reason);
    return outcomes
        .fail(waiting.job(), reason)
        .map(done -> done ? Settled.FAILED : Settled.ALREADY_ENDED);
  }
}
