package ai.monzie.generation.worker;

import ai.monzie.generation.job.Awaiting;
import ai.monzie.generation.job.AwaitingRepository;
import ai.monzie.generation.model.FalConfig;
import ai.monzie.generation.model.ImageModel;
import ai.monzie.generation.model.ImageModels;
import ai.monzie.generation.model.ModelConfig;
import ai.monzie.generation.model.ModelFailure;
import ai.monzie.generation.model.QueuedImageModel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Polls jobs waiting on a queued provider once their poll is due: with webhooks, only those whose
 * webhook is {@code monzie.fal.webhook-grace} late, so no job is ever stuck; without, every waiting
 * job each {@code monzie.fal.poll-interval}. A poll is one HTTP request on the shared async client:
 * no thread and no worker slot is held while the provider works. A job past {@code
 * monzie.generation.job-timeout} since its submission is cancelled at the provider and failed.
 */
@ApplicationScoped
public class ProviderSweeper {

  private static final Logger LOG = Logger.getLogger(ProviderSweeper.class);

  private final Vertx vertx;
  private final Pool pool;
  private final AwaitingRepository awaiting;
  private final ProviderResults results;
  private final ImageModels models;
  private final ModelConfig limits;
  private final WorkerConfig worker;
  private final FalConfig fal;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile long timer = -1;

  ProviderSweeper(
      Vertx vertx,
      Pool pool,
      AwaitingRepository awaiting,
      ProviderResults results,
      ImageModels models,
      ModelConfig limits,
      WorkerConfig worker,
      FalConfig fal) {
    this.vertx = vertx;
    this.pool = pool;
    this.awaiting = awaiting;
    this.results = results;
    this.models = models;
    this.limits = limits;
    this.worker = worker;
    this.fal = fal;
  }

  void start(@Observes StartupEvent event) {
    if (!worker.workerEnabled()) {
      return;
    }
    // a Vert.x timer, not @Scheduled: the poll interval may be below the scheduler's 1 s tick
    timer = vertx.setPeriodic(Math.max(10, fal.pollInterval().toMillis()), id -> sweep());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** One round over the queued providers; a full batch is followed by another round at once. */
  public void sweep() {
    if (!sweeping.compareAndSet(false, true)) {
      return;
    }
    Multi.createFrom()
        .iterable(queuedProviders())
        .onItem()
        .transformToUniAndConcatenate(this::sweep)
        .collect()
        .asList()
        .onTermination()
        .invoke(() -> sweeping.set(false))
        .subscribe()
        .with(
            full -> {
              if (full.contains(true)) {
                sweep();
              }
            },
            e -> LOG.warnf("polling waiting jobs failed: %s", e.getMessage()));
  }

  private List<QueuedImageModel> queuedProviders() {
    return limits.concurrency().keySet().stream()
        .map(this::model)
        .flatMap(Optional::stream)
        .toList();
  }

  private Optional<QueuedImageModel> model(String provider) {
    try {
      ImageModel model = models.of(provider);
      return model instanceof QueuedImageModel queued ? Optional.of(queued) : Optional.empty();
    } catch (ModelFailure unknown) {
      return Optional.empty();
    }
  }

  /** Polls one batch of the provider's due jobs, all at once; true when the batch was full. */
  private Uni<Boolean> sweep(QueuedImageModel model) {
    return awaiting
        .duePolls(pool, model.provider(), fal.pollBatch(), fal.pollInterval())
        .flatMap(
            due ->
                due.isEmpty()
                    ? Uni.createFrom().item(false)
                    : Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndMerge(waiting -> poll(model, waiting))
                        .collect()
                        .last()
                        .replaceWith(due.size() >= fal.pollBatch()));
  }

  private Uni<ProviderResults.Settled> poll(QueuedImageModel model, Awaiting waiting) {
    return results
        .settle(waiting, model.poll(waiting.request(), waiting.job().render().seed()))
        .flatMap(
            settled ->
                settled == ProviderResults.Settled.NOT_YET && overdue(waiting)
                    ? model
                        .cancel(waiting.request())
                        .flatMap(
                            cancelled ->
                                results.fail(
                                    waiting,
                                    "The image model did not finish within "
                                        + worker.jobTimeout().toSeconds()
                                        + " s."))
                    : Uni.createFrom().item(settled))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("job %s: poll failed: %s", waiting.job().id(), e.getMessage());
              return ProviderResults.Settled.NOT_YET;
            });
  }

  private boolean overdue(Awaiting waiting) {
    return waiting.submittedAt().toInstant().plus(worker.jobTimeout()).isBefore(Instant.now());
  }
}
