package ai.monzie.generation.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.generation.image.LowPriorityThreads;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Jobs live in PostgreSQL: one written before a restart runs after it, one held by a worker that
 * died is taken again when its lease runs out, and none finishes twice.
 */
@QuarkusTest
@WithMonzieInfra(database = "generation")
class JobDurabilityTest {

  @Inject Pool pool;
  @Inject JobRepository jobs;
  @Inject JobOutcomes outcomes;

  @Test
  void aQueuedJobFromBeforeARestartIsRun() {
    UUID user = GenerationFixtures.user();
    UUID job = insertJob(user, "queued", null, 0, "local");
    await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(status(job)));
    assertThat(imagesOf(job)).isEqualTo(1);
  }

  /**
   * The thumbnail and BlurHash of a stored image are CPU no request waits on: made on the store's
   * own threads at Linux nice 10 (monzie.images.thumbnail-nice), not on the worker pool requests
   * share.
   */
  @Test
  void aStoredImagesThumbnailIsMadeOnALowPriorityThread() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID job = insertJob(user, "queued", null, 0, "local");
    await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(status(job)));
    Map<String, Integer> nices = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        String name;
        try {
          name = Files.readString(task.resolve("comm")).trim();
        } catch (java.nio.file.NoSuchFileException ended) {
          continue; // a thread that ended since the listing
        }
        if (name.startsWith("thumbnail-")) {
          nices.put(name, LowPriorityThreads.niceIn(task.resolve("stat")));
        }
      }
    }
    assertThat(nices).isNotEmpty();
    assertThat(nices.values()).containsOnly(10);
  }

  @Test
  void aJobHeldByADeadWorkerIsTakenAgainAfterItsLeaseAndCompletesOnce() {
    UUID user = GenerationFixtures.user();
    // the worker that claimed it (attempt 1) died: its lease ran out a second ago
    UUID job = insertJob(user, "running", OffsetDateTime.now().minusSeconds(1), 1, "local");
    await().atMost(Duration.ofSeconds(30)).until(() -> "succeeded".equals(status(job)));
    Row row =
        GenerationFixtures.one("SELECT attempts FROM generation_jobs WHERE id = $1", Tuple.of(job));
    assertThat(row.getInteger("attempts")).isEqualTo(2);
    assertThat(imagesOf(job)).isEqualTo(1);
    var events =
        KafkaProbe.readFor(Topics.IMAGE_GENERATED, Duration.ofSeconds(2)).stream()
            .filter(e -> e.value().contains(job.toString()))
            .toList();
    assertThat(events).hasSize(1);
  }

  @Test
  void aJobWithALiveLeaseIsLeftToItsWorker() {
    UUID user = GenerationFixtures.user();
    UUID job = insertJob(user, "running", OffsetDateTime.now().plusMinutes(5), 1, "local");
    // several poll rounds pass; the job stays with the worker that holds the lease
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
    assertThat(status(job)).isEqualTo("running");
    assertThat(imagesOf(job)).isZero();
  }

  @Test
  void aWorkerThatLostItsLeaseCannotFinishTheJob() {
    UUID user = GenerationFixtures.user();
    UUID id = insertJob(user, "running", OffsetDateTime.now().plusMinutes(5), 1, "local");
    Job first = jobOf(id); // worker A holds the lease...
    GenerationFixtures
        .one( // ...until worker B takes the job over (A's lease had run out meanwhile)
            "UPDATE generation_jobs SET lease_token = gen_random_uuid() WHERE id = $1 RETURNING id",
            Tuple.of(id));
    Job second = jobOf(id);
    assertThat(outcomes.succeed(first, image(first)).await().atMost(Duration.ofSeconds(10)))
        .isFalse();
    assertThat(outcomes.fail(first, "x").await().atMost(Duration.ofSeconds(10))).isFalse();
    assertThat(status(id)).isEqualTo("running");
    assertThat(imagesOf(id)).isZero();

    assertThat(outcomes.succeed(second, image(second)).await().atMost(Duration.ofSeconds(10)))
        .isTrue();
    // the same worker (or a late twin) cannot finish it a second time
    assertThat(outcomes.succeed(second, image(second)).await().atMost(Duration.ofSeconds(10)))
        .isFalse();
    assertThat(outcomes.fail(second, "late").await().atMost(Duration.ofSeconds(10))).isFalse();
    assertThat(status(id)).isEqualTo("succeeded");
    assertThat(imagesOf(id)).isEqualTo(1);
  }

  @Test
  void theProviderConcurrencyLimitHoldsOverConcurrentClaimers() throws Exception {
    // a provider no worker polls, so the test alone claims its jobs, like 6 instances at once
    String provider = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    UUID user = GenerationFixtures.user();
    for (int i = 0; i < 10; i++) {
      insertJob(user, "queued", null, 0, provider);
    }
    List<Integer> claimed =
        Parallel.run(
            6,
            i ->
                pool.withTransaction(
                        tx ->
                            jobs.claim(
                                tx, provider, 10, 3, Duration.ofMinutes(1), Duration.ofSeconds(60)))
                    .await()
                    .atMost(Duration.ofSeconds(30))
                    .size());
    assertThat(claimed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM generation_jobs WHERE provider = $1 AND status = 'running'",
                Tuple.of(provider)))
        .isEqualTo(3);
  }

  private UUID insertJob(
      UUID user, String status, OffsetDateTime leaseUntil, int attempts, String provider) {
    UUID id = UUID.randomUUID();
    pool.preparedQuery(
            "INSERT INTO generation_jobs (id, user_id, status, provider, model, scene_id,"
                + " scene_name, scene_category, prompt, image_size, aspect_ratio, seed,"
                + " quota_date, attempts, lease_token, lease_until, started_at) VALUES ($1, $2, $3,"
                + " $4, 'local', $5, 'Durable', 'portrait', 'A durable portrait', 'square', '1:1',"
                + " 5, $6, $7, $8, $9, $10)")
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  user,
                  status,
                  provider,
                  UUID.randomUUID(),
                  LocalDate.now(ZoneOffset.UTC),
                  attempts,
                  leaseUntil == null ? null : UUID.randomUUID(),
                  leaseUntil,
                  leaseUntil
                }))
        .await()
        .atMost(Duration.ofSeconds(10));
    return id;
  }

  /** The job as its current lease holder sees it. */
  private Job jobOf(UUID id) {
    UUID user =
        GenerationFixtures.one("SELECT user_id FROM generation_jobs WHERE id = $1", Tuple.of(id))
            .getUUID(0);
    return jobs.findWithImage(pool, user, id)
        .await()
        .atMost(Duration.ofSeconds(10))
        .orElseThrow()
        .job();
  }

  private static GeneratedImage image(Job job) {
    UUID id = UUID.randomUUID();
    return new GeneratedImage(
        id,
        job.userId(),
        job.id(),
        job.scene().id(),
        job.scene().name(),
        job.scene().category(),
        "users/" + job.userId() + "/images/" + id + ".png",
        null,
        null,
        null,
        job.render().prompt(),
        null,
        false,
        false,
        0.1f,
        job.render().model(),
        job.render().imageSize(),
        job.render().aspectRatio(),
        job.render().seed(),
        1,
        1,
        null,
        OffsetDateTime.now(ZoneOffset.UTC));
  }

  private static String status(UUID job) {
    return GenerationFixtures.one("SELECT status FROM generation_jobs WHERE id = $1", Tuple.of(job))
        .getString(0);
  }

  private static long imagesOf(UUID job) {
    return GenerationFixtures.count(
        "SELECT count(*) FROM generated_images WHERE generation_id = $1", Tuple.of(job));
  }
}
