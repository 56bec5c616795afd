package ai.monzie.generation.worker;

import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobSignals;
import ai.monzie.generation.job.JobStatus;
import ai.monzie.generation.job.QueueConfig;
import ai.monzie.generation.model.ImageModel;
import ai.monzie.generation.model.ImageModels;
import ai.monzie.generation.model.ModelConfig;
import ai.monzie.generation.model.ModelFailure;
import ai.monzie.generation.model.ModelInput;
import ai.monzie.generation.model.QueuedImageModel;
import ai.monzie.platform.events.TraceContext;
import ai.monzie.platform.storage.ObjectStore;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Takes jobs from PostgreSQL and runs them. Woken by NOTIFY when a job is queued and by a short
 * poll otherwise (backoffs ending, leases expiring). Each instance runs at most the provider's
 * limit at once; the claim query makes the limit hold over all instances. While a job runs its
 * lease is renewed; if the instance dies the lease runs out and another worker takes the job. A job
 * of a queued provider (fal) holds its slot only while it is submitted: then it waits for the
 * provider without one ({@link ProviderResults}, {@link ProviderSweeper}).
 */
@ApplicationScoped
public class JobWorker {

  private static final Logger LOG = Logger.getLogger(JobWorker.class);

  private final Pool pool;
  private final JobRepository jobs;
  private final JobOutcomes outcomes;
  private final JobSignals signals;
  private final ImageModels models;
  private final ObjectStore store;
  private final ResultStore results;
  private final WorkerConfig config;
  private final ModelConfig limits;
  private final WorkerMetrics metrics;
  private final QueueConfig queue;
  private final ProviderResults providerResults;
  private final Tracer tracer;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final Map<java.util.UUID, Cancellable> attempts = new ConcurrentHashMap<>();
  private final AtomicBoolean polling = new AtomicBoolean();
  private final AtomicBoolean pollAgain = new AtomicBoolean();
  private volatile boolean running;

  JobWorker(
      Pool pool,
      JobRepository jobs,
      JobOutcomes outcomes,
      JobSignals signals,
      ImageModels models,
      ObjectStore store,
      ResultStore results,
      WorkerConfig config,
      ModelConfig limits,
      WorkerMetrics metrics,
      OpenTelemetry telemetry,
      QueueConfig queue,
      ProviderResults providerResults) {
    this.queue = queue;
    this.providerResults = providerResults;
    this.pool = pool;
    this.jobs = jobs;
    this.outcomes = outcomes;
    this.signals = signals;
    this.models = models;
    this.store = store;
    this.results = results;
    this.config = config;
    this.limits = limits;
    this.metrics = metrics;
    this.tracer = telemetry.getTracer("ai.monzie.generation");
  }

  void start(@Observes StartupEvent event) {
    if (!config.workerEnabled()) {
      LOG.info("generation workers disabled on this instance");
      return;
    }
    running = true;
    signals.onJobQueued(this::poll);
    signals.onCancelled(this::stop);
  }

  /** A running job was cancelled by its user: stop our attempt (the model cancels at fal). */
  private void stop(java.util.UUID job) {
    Cancellable attempt = attempts.remove(job);
    if (attempt != null) {
      LOG.infof("job %s: cancelled by its user, attempt stopped", job);
      attempt.cancel();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
  }

  @Scheduled(
      every = "${monzie.generation.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    poll();
  }

  /** One round of claims; a wake-up during a round makes another round follow at once. */
  public void poll() {
    if (!running) {
      return;
    }
    if (!polling.compareAndSet(false, true)) {
      pollAgain.set(true);
      return;
    }
    pollAgain.set(false);
    claimAll()
        .onTermination()
        .invoke(
            () -> {
              polling.set(false);
              if (pollAgain.getAndSet(false)) {
                poll();
              }
            })
        .subscribe()
        .with(ignored -> {}, e -> LOG.warnf("claiming jobs failed: %s", e.getMessage()));
  }

  private Uni<Void> claimAll() {
    List<String> providers = List.copyOf(limits.concurrency().keySet());
    return Multi.createFrom()
        .iterable(providers)
        .onItem()
        .transformToUniAndConcatenate(this::claim)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> claim(String provider) {
    int limit = limits.concurrency().get(provider);
    AtomicInteger busy = inFlight.computeIfAbsent(provider, p -> new AtomicInteger());
    int free = limit - busy.get();
    if (free <= 0) {
      return Uni.createFrom().voidItem();
    }
    return pool.withTransaction(
            tx ->
                jobs.claim(tx, provider, free, limit, config.lease(), queue.maxPriorityWait())
                    .call(
                        claimed ->
                            Multi.createFrom()
                                .iterable(claimed)
                                .onItem()
                                .transformToUniAndConcatenate(
                                    job ->
                                        signals.statusChanged(
                                            tx, job, JobStatus.RUNNING, null, null))
                                .collect()
                                .last()))
        .invoke(
            claimed -> {
              for (Job job : claimed) {
                busy.incrementAndGet();
                AtomicBoolean ended = new AtomicBoolean();
                Cancellable attempt =
                    run(job)
                        .onTermination()
                        .invoke(
                            () -> {
                              ended.set(true);
                              attempts.remove(job.id());
                              busy.decrementAndGet();
                              poll(); // a slot is free: the next job need not wait for the tick
                            })
                        .subscribe()
                        .with(
                            ignored -> {},
                            e -> {
                              if (running) {
                                LOG.errorf(e, "job %s: unexpected failure", job.id());
                              }
                            });
                attempts.put(job.id(), attempt);
                if (ended.get()) { // it ended before it was registered
                  attempts.remove(job.id());
                }
              }
            })
        .replaceWithVoid();
  }

  /**
   * One attempt, in a span that continues the trace of the request that queued the job; the events
   * the attempt writes carry that span's context.
   */
  Uni<Void> run(Job claimed) {
    Span span =
        tracer
            .spanBuilder("generation job")
            .setParent(TraceContext.parent(claimed.origin().traceparent()))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("monzie.job.id", claimed.id().toString())
            .setAttribute("monzie.job.attempt", claimed.lease().attempts())
            .setAttribute("monzie.model", claimed.render().model())
            .startSpan();
    String traceparent = TraceContext.of(span.getSpanContext());
    // tracing off: no span, and the request's context passes through unchanged
    Job job = traceparent == null ? claimed : claimed.traced(traceparent);
    return attempt(job).onFailure().invoke(span::recordException).onTermination().invoke(span::end);
  }

  /** Runs one claimed job to an outcome, renewing its lease meanwhile. */
  private Uni<Void> attempt(Job job) {
    if (job.lease().attempts() > config.maxAttempts()) {
      // claimed again after its workers died each time: stop before it takes down another one
      return outcomes
          .fail(
              job,
              "The generation could not be completed after " + config.maxAttempts() + " attempts.")
          .replaceWithVoid();
    }
    Duration renewEvery = config.lease().dividedBy(3);
    Cancellable renewal =
        Multi.createFrom()
            .ticks()
            .every(renewEvery)
            .onItem()
            .transformToUniAndConcatenate(tick -> jobs.renewLease(pool, job, config.lease()))
            .subscribe()
            .with(
                held -> {
                  if (!held) {
                    LOG.warnf("job %s: lease lost, another worker has it", job.id());
                  }
                },
                e -> LOG.warnf("job %s: lease renewal failed: %s", job.id(), e.getMessage()));
    ImageModel model;
    try {
      model = models.of(job.render().provider());
    } catch (ModelFailure e) {
      renewal.cancel();
      return failure(job, e);
    }
    if (model instanceof QueuedImageModel queued) {
      // the provider queues the work: submit, hand the job over, and give the slot back at once
      return input(job)
          .flatMap(queued::submit)
          .flatMap(request -> providerResults.handOver(job, queued, request))
          .ifNoItem()
          .after(config.jobTimeout())
          .failWith(
              () ->
                  new ModelFailure(
                      ModelFailure.Reason.TIMEOUT, true, "The image provider did not answer."))
          .onFailure()
          .recoverWithUni(error -> failure(job, error))
          .onTermination()
          .invoke(renewal::cancel);
    }
    Timer.Sample sample = metrics.start();
    long started = System.nanoTime();
    return input(job)
        .flatMap(model::generate)
        .ifNoItem()
        .after(config.jobTimeout())
        .failWith(
            () ->
                new ModelFailure(
                    ModelFailure.Reason.TIMEOUT,
                    false,
                    "The image model did not finish within "
                        + config.jobTimeout().toSeconds()
                        + " s."))
        .invoke(output -> metrics.stop(sample, job, "succeeded"))
        .flatMap(output -> results.store(job, output, (System.nanoTime() - started) / 1e9f))
        .flatMap(
            image ->
                outcomes
                    .succeed(job, image)
                    .call(
                        done -> {
                          if (done) {
                            LOG.infof(
                                "job %s succeeded in %.3f s (model %s, attempt %d)",
                                job.id(),
                                image.generationTime(),
                                job.render().model(),
                                job.lease().attempts());
                            return Uni.createFrom().voidItem();
                          }
                          // another worker owns the job now: our files must not linger
                          return results.discard(image);
                        }))
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            error -> {
              metrics.stop(sample, job, "failed");
              return failure(job, error);
            })
        .onTermination()
        .invoke(renewal::cancel);
  }

  private Uni<ModelInput> input(Job job) {
    if (job.task() == ImageModel.Task.TEXT_TO_IMAGE) {
      return Uni.createFrom().item(modelInput(job, null, null));
    }
    return store
        .get(job.originalPhotoKey())
        .map(
            found ->
                found
                    .map(object -> modelInput(job, object.bytes(), object.contentType()))
                    .orElseThrow(
                        () ->
                            new ModelFailure(
                                ModelFailure.Reason.INPUT_MISSING,
                                false,
                                job.isEnhance()
                                    ? "The image to enhance no longer exists."
                                    : "The uploaded photo no longer exists. Upload it again.")));
  }

  private static ModelInput modelInput(Job job, byte[] image, String contentType) {
    return new ModelInput(
        job.task(),
        job.render().model(),
        job.render().prompt(),
        job.render().negativePrompt(),
        job.render().imageSize(),
        job.render().aspectRatio(),
        job.render().seed(),
        image,
        contentType);
  }

  /** Retryable and attempts left: back to the queue with backoff; otherwise the job fails. */
  private Uni<Void> failure(Job job, Throwable error) {
    if (!running) { // shutting down: the lease runs out and another instance (or restart) retries
      LOG.infof("job %s: attempt %d interrupted by shutdown", job.id(), job.lease().attempts());
      return Uni.createFrom().voidItem();
    }
    ModelFailure failure =
        error instanceof ModelFailure m
            ? m
            : new ModelFailure(
                error instanceof TimeoutException
                    ? ModelFailure.Reason.TIMEOUT
                    : ModelFailure.Reason.PROVIDER_ERROR,
                true,
                "The generation failed on our side.");
    if (!(error instanceof ModelFailure)) {
      LOG.errorf(error, "job %s: attempt %d failed", job.id(), job.lease().attempts());
    } else {
      LOG.infof(
          "job %s: attempt %d failed (%s): %s",
          job.id(), job.lease().attempts(), failure.reason(), failure.getMessage());
    }
    metrics.failed(job.render().provider(), failure.reason());
    if (failure.retryable() && job.lease().attempts() < config.maxAttempts()) {
      Duration backoff =
          config.retryBackoff().multipliedBy(1L << Math.min(10, job.lease().attempts() - 1));
      if (failure.retryAfter() != null && failure.retryAfter().compareTo(backoff) > 0) {
        backoff = failure.retryAfter();
      }
      return outcomes.retryLater(job, backoff, failure.getMessage()).replaceWithVoid();
    }
    String reason =
        failure.retryable()
            ? failure.getMessage() + " Gave up after " + job.lease().attempts() + " attempts."
            : failure.getMessage();
    return outcomes.fail(job, reason).replaceWithVoid();
  }
}
