package ai.monzie.generation.worker;

import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.model.ModelConfig;
import ai.monzie.generation.model.ModelFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workers' meters: model failures by reason, model latency by outcome, and the queue depth per
 * provider (on every instance, workers enabled or not).
 */
@ApplicationScoped
public class WorkerMetrics {

  private final MeterRegistry registry;
  private final ModelConfig models;
  private final JobRepository jobs;
  private final Pool pool;
  private final Map<String, AtomicLong> queueDepth = new ConcurrentHashMap<>();

  WorkerMetrics(MeterRegistry registry, ModelConfig models, JobRepository jobs, Pool pool) {
    this.registry = registry;
    this.models = models;
    this.jobs = jobs;
    this.pool = pool;
  }

  void start(@Observes StartupEvent event) {
    // every provider's failure series exists from the start, at zero, so dashboards and alerts
    // see "no failures" rather than "no data"
    for (String provider : models.concurrency().keySet()) {
      for (ModelFailure.Reason reason : ModelFailure.Reason.values()) {
        failures(provider, reason);
      }
    }
  }

  /** Counts one failed model call. */
  void failed(String provider, ModelFailure.Reason reason) {
    failures(provider, reason).increment();
  }

  /** Starts timing a model call; {@link #stop} records it with its outcome. */
  Timer.Sample start() {
    return Timer.start(registry);
  }

  void stop(Timer.Sample sample, Job job, String outcome) {
    sample.stop(latency(job, outcome));
  }

  private Counter failures(String provider, ModelFailure.Reason reason) {
    return Counter.builder("monzie.model.failures")
        .description("Failed image model calls, by reason")
        .tags("provider", provider, "reason", reason.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private Timer latency(Job job, String outcome) {
    return Timer.builder("monzie.model.latency")
        .description("Image model calls, from start to image or failure")
        .tags(
            "provider", job.render().provider(), "model", job.render().model(), "outcome", outcome)
        .register(registry);
  }

  /** Queued jobs per provider, for the queue depth gauge (a count each 5 s, not each poll). */
  @Scheduled(
      every = "5s",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> refreshQueueDepth() {
    return jobs.queueDepth(pool)
        .invoke(
            depth -> {
              for (String provider : models.concurrency().keySet()) {
                queueDepth
                    .computeIfAbsent(
                        provider,
                        p -> {
                          AtomicLong gauge = new AtomicLong();
                          Gauge.builder("monzie.generation.queue.depth", gauge, AtomicLong::get)
                              .description("Generation jobs waiting for a worker")
                              .tag("provider", p)
                              .register(registry);
                          return gauge;
                        })
                    .set(depth.getOrDefault(provider, 0L));
              }
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
