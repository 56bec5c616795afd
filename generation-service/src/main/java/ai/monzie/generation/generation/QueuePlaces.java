package ai.monzie.generation.generation;

import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobStatus;
import ai.monzie.generation.job.QueueConfig;
import ai.monzie.generation.model.ModelConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where queued jobs stand in line (1 = next, in the workers' claim order) and when they should
 * finish: the rounds of the provider's concurrency ahead of each, times the mean duration of the
 * provider's recent successes (no estimate before its first success).
 */
@ApplicationScoped
public class QueuePlaces {

  /** A queued job's place; {@code etaSeconds} null when the provider has no history yet. */
  public record Place(int position, Integer etaSeconds) {}

  private final Pool pool;
  private final JobRepository jobs;
  private final QueueConfig config;
  private final ModelConfig models;

  QueuePlaces(Pool pool, JobRepository jobs, QueueConfig config, ModelConfig models) {
    this.pool = pool;
    this.jobs = jobs;
    this.config = config;
    this.models = models;
  }

  /** The places of those of {@code candidates} that are queued (the others are not in line). */
  public Uni<Map<UUID, Place>> of(List<Job> candidates) {
    List<Job> queued = candidates.stream().filter(job -> job.status() == JobStatus.QUEUED).toList();
    if (queued.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    List<String> providers =
        queued.stream().map(job -> job.render().provider()).distinct().toList();
    Map<String, Optional<Double>> durations = new HashMap<>();
    Uni<Void> known = Uni.createFrom().voidItem();
    for (String provider : providers) {
      known =
          known.call(
              () ->
                  jobs.recentDuration(pool, provider, config.etaRecentJobs())
                      .invoke(mean -> durations.put(provider, mean)));
    }
    List<UUID> ids = new ArrayList<>(queued.stream().map(Job::id).toList());
    return known
        .flatMap(ignored -> jobs.positions(pool, ids, config.maxPriorityWait()))
        .map(
            positions -> {
              Map<UUID, Place> places = new HashMap<>();
              for (Job job : queued) {
                Integer position = positions.get(job.id());
                if (position != null) { // claimed meanwhile: no longer in line
                  places.put(job.id(), new Place(position, eta(job, position, durations)));
                }
              }
              return places;
            });
  }

  private Integer eta(Job job, int position, Map<String, Optional<Double>> durations) {
    Optional<Double> mean = durations.get(job.render().provider());
    if (mean == null || mean.isEmpty()) {
      return null;
    }
    int slots = Math.max(1, models.concurrency().getOrDefault(job.render().provider(), 1));
    // rounds of the provider's slots before this job's, then its own
    long rounds = (position - 1) / slots + 1L;
    return (int) Math.ceil(rounds * mean.get());
  }
}
