package ai.monzie.generation.queue;

import static ai.monzie.generation.GenerationFixtures.as;
import static ai.monzie.generation.GenerationFixtures.requestGeneration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(QueueProfile.class)
@WithMonzieInfra(database = "generation")
class QueueTest {

  static final String PROBLEM = "application/problem+json";

  private static String generate(UUID user, UUID scene) {
    return requestGeneration(user, scene).then().statusCode(202).extract().path("id");
  }

  @Test
  void listsOnlyTheCallersJobsNewestFirstInKeysetPages() {
    UUID user = GenerationFixtures.user();
    UUID other = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(generate(user, scene));
    }
    String foreign = generate(other, scene);

    List<JsonPath> pages = GenerationFixtures.pages(user, "/v1/generations", 2);
    assertThat(pages)
        .hasSize(3)
        .allSatisfy(p -> assertThat(p.getList("items")).hasSizeBetween(1, 2));
    java.util.Collections.reverse(created);
    assertThat(GenerationFixtures.itemIds(pages))
        .containsExactlyElementsOf(created)
        .doesNotContain(foreign);
  }

  @Test
  void filtersByStatus() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String kept = generate(user, scene);
    String cancelled = generate(user, scene);
    as(user).post("/v1/generations/" + cancelled + "/cancel").then().statusCode(200);

    assertThat(idsWithStatus(user, "cancelled")).containsExactly(cancelled);
    assertThat(idsWithStatus(user, "queued,running")).containsExactly(kept);
  }

  private static List<String> idsWithStatus(UUID user, String status) {
    return as(user)
        .queryParam("status", status)
        .get("/v1/generations")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id", String.class);
  }

  @Test
  void badStatusLimitOrCursorIsAProblemNamingTheField() {
    UUID user = GenerationFixtures.user();
    for (String[] bad :
        new String[][] {
          {"status", "queued,done"},
          {"status", "QUEUED"},
          {"limit", "0"},
          {"limit", "101"},
          {"limit", "ten"},
          {"cursor", "not-a-cursor"},
          {"cursor", "bm9wZQ"}
        }) {
      as(user)
          .queryParam(bad[0], bad[1])
          .get("/v1/generations")
          .then()
          .statusCode(400)
          .contentType(PROBLEM)
          .body("field", equalTo(bad[0]));
    }
  }

  @Test
  void cancellingAQueuedJobGivesTheUnitBackAndPublishesTheEvent() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String id = generate(user, scene);
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));

    String answer =
        as(user)
            .post("/v1/generations/" + id + "/cancel")
            .then()
            .statusCode(200)
            .body("id", equalTo(id))
            .body("status", equalTo("cancelled"))
            .extract()
            .asString();
    assertThat(
            OpenApiContract.served()
                .answerProblems("post", "/v1/generations/{id}/cancel", 200, answer))
        .isEmpty();

    as(user).get("/v1/usage/today").then().body("used", equalTo(0));
    as(user).get("/v1/generations/" + id).then().body("status", equalTo("cancelled"));
    var events = GenerationFixtures.events(Topics.GENERATION_CANCELLED, id, 1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).key()).isEqualTo(user.toString());
    assertThat(ContractSchemas.validate(Topics.GENERATION_CANCELLED, events.get(0).value()))
        .isEmpty();
    JsonPath payload = JsonPath.from(events.get(0).value());
    assertThat(payload.getString("cancelled_by")).isEqualTo("user");
    assertThat(payload.getString("scene_id")).isEqualTo(scene.toString());
  }

  @Test
  void aFinishedJobIsAConflictAndAnotherUsersIsNotFound() {
    UUID user = GenerationFixtures.user();
    String id = generate(user, GenerationFixtures.scene());

    as(GenerationFixtures.user())
        .post("/v1/generations/" + id + "/cancel")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    as(user).get("/v1/generations/" + id).then().body("status", equalTo("queued"));
    as(user).post("/v1/generations/not-an-id/cancel").then().statusCode(404);

    as(user).post("/v1/generations/" + id + "/cancel").then().statusCode(200);
    as(user)
        .post("/v1/generations/" + id + "/cancel")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("status", equalTo("cancelled"));
    as(user).get("/v1/usage/today").then().body("used", equalTo(0));
  }

  @Test
  void concurrentCancelsGiveTheUnitBackOnce() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    generate(user, scene);
    String id = generate(user, scene);

    List<Integer> statuses =
        Parallel.run(
            8,
            i -> as(user).post("/v1/generations/" + id + "/cancel").then().extract().statusCode());

    assertThat(statuses).containsOnly(200, 409).containsOnlyOnce(200);
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));
  }

  @Test
  void aResultArrivingAfterTheCancelIsDiscarded() {
    UUID user = GenerationFixtures.user();
    String id = generate(user, GenerationFixtures.scene());
    String provider = isolated(List.of(id));
    Job running = claim(provider, 1).get(0); // the worker holds it, as a running job

    as(user)
        .post("/v1/generations/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));

    // the worker's final update misses: its lease token was cleared by the cancel
    boolean stored =
        pool()
            .withTransaction(tx -> jobs().markSucceeded(tx, running, UUID.randomUUID()))
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(stored).isFalse();
    as(user).get("/v1/generations/" + id).then().body("status", equalTo("cancelled"));
    as(user).get("/v1/usage/today").then().body("used", equalTo(0));
  }

  @Test
  void aQueuedJobShowsItsPlaceInLineAndItsEstimateAsTheLineMoves() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    List<String> ids = List.of(generate(user, scene), generate(user, scene), generate(user, scene));
    String provider = isolated(ids);
    // the provider's recent successes took 10 s each; it runs one at a time
    String done = generate(user, scene);
    GenerationFixtures.one(
        "UPDATE generation_jobs SET provider = $2, status = 'succeeded',"
            + " started_at = now() - interval '20 s', finished_at = now() - interval '10 s'"
            + " WHERE id = $1 RETURNING id",
        Tuple.of(UUID.fromString(done), provider));

    for (int i = 0; i < 3; i++) {
      as(user)
          .get("/v1/generations/" + ids.get(i))
          .then()
          .body("queue_position", equalTo(i + 1))
          .body("eta_seconds", equalTo(10 * (i + 1)));
    }
    JsonPath listed =
        as(user).queryParam("status", "queued").get("/v1/generations").then().extract().jsonPath();
    assertThat(listed.getList("items.queue_position", Integer.class)).containsExactly(3, 2, 1);

    as(user).post("/v1/generations/" + ids.get(0) + "/cancel").then().statusCode(200);
    claim(provider, 1); // the next one is taken: it leaves the line

    as(user)
        .get("/v1/generations/" + ids.get(2))
        .then()
        .body("queue_position", equalTo(1))
        .body("eta_seconds", equalTo(10));
    as(user)
        .get("/v1/generations/" + ids.get(1))
        .then()
        .body("status", equalTo("running"))
        .body("queue_position", equalTo(null));
  }

  @Test
  void payingUsersJobsAreClaimedFirstButAFreeJobWaitsAtMostTheMaximum() {
    UUID scene = GenerationFixtures.scene();
    UUID free = GenerationFixtures.user();
    UUID paying = GenerationFixtures.user();
    GenerationFixtures.profile(paying, true, null, Instant.now().plusSeconds(86_400), 1);

    // a free job queued 30 s ago, a paying one now: the paying one goes first
    String freeRecent = generate(free, scene);
    String payingNow = generate(paying, scene);
    String provider = isolated(List.of(freeRecent, payingNow));
    backdate(freeRecent, payingNow, 30);
    assertThat(claim(provider, 1)).extracting(Job::id).containsExactly(UUID.fromString(payingNow));
    assertThat(claim(provider, 1)).extracting(Job::id).containsExactly(UUID.fromString(freeRecent));

    // a free job queued 61 s ago (past monzie.generation.max-priority-wait, 60 s) goes first
    String freeOld = generate(free, scene);
    String payingLater = generate(paying, scene);
    String aged = isolated(List.of(freeOld, payingLater));
    backdate(freeOld, payingLater, 61);
    String rows =
        GenerationFixtures.all(
                "SELECT id, created_at, paying FROM generation_jobs WHERE provider = $1",
                Tuple.of(aged))
            .stream()
            .map(r -> r.getUUID(0) + " " + r.getOffsetDateTime(1) + " " + r.getBoolean(2))
            .toList()
            .toString();
    assertThat(claim(aged, 1))
        .as(rows)
        .extracting(Job::id)
        .containsExactly(UUID.fromString(freeOld));
    assertThat(claim(aged, 1)).extracting(Job::id).containsExactly(UUID.fromString(payingLater));
  }

  @Test
  void retryingACancelledJobQueuesANewOneWithTheSameInputsOnceAndCountsIt() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String id =
        GenerationFixtures.jsonAs(user)
            .body(java.util.Map.of("scene_id", scene.toString(), "seed", 7, "style", "noir"))
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    as(user)
        .post("/v1/generations/" + id + "/retry")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("status", equalTo("queued"));
    as(user).post("/v1/generations/" + id + "/cancel").then().statusCode(200);

    List<String> retries =
        Parallel.run(
            4,
            i ->
                as(user)
                    .header("Idempotency-Key", "retry-" + id)
                    .post("/v1/generations/" + id + "/retry")
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("queued"))
                    .extract()
                    .path("id"));

    assertThat(retries).doesNotContain(id);
    assertThat(new java.util.HashSet<>(retries)).hasSize(1);
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));
    var rows =
        GenerationFixtures.all(
            "SELECT prompt, seed, scene_id, image_size FROM generation_jobs WHERE id = ANY($1)",
            Tuple.of(new UUID[] {UUID.fromString(id), UUID.fromString(retries.get(0))}));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString("prompt"))
        .contains("noir")
        .isEqualTo(rows.get(1).getString("prompt"));
    assertThat(rows.get(0).getInteger("seed"))
        .isEqualTo(7)
        .isEqualTo(rows.get(1).getInteger("seed"));
    as(GenerationFixtures.user()).post("/v1/generations/" + id + "/retry").then().statusCode(404);
  }

  /** Moves the jobs to a provider of their own, so other tests' queued jobs are not in line. */
  private static String isolated(List<String> ids) {
    String provider = "test-" + UUID.randomUUID();
    for (String id : ids) {
      GenerationFixtures.one(
          "UPDATE generation_jobs SET provider = $2 WHERE id = $1 RETURNING id",
          Tuple.of(UUID.fromString(id), provider));
    }
    return provider;
  }

  /** Makes {@code id} queued that many seconds before {@code than} (not before "now": slow CI). */
  private static void backdate(String id, String than, int seconds) {
    GenerationFixtures.one(
        "UPDATE generation_jobs SET created_at = (SELECT created_at FROM generation_jobs"
            + " WHERE id = $2) - make_interval(secs => $3) WHERE id = $1 RETURNING id",
        Tuple.of(UUID.fromString(id), UUID.fromString(than), (double) seconds));
  }

  /** What a worker does: the claim query of the job repository, as the worker calls it. */
  private static List<Job> claim(String provider, int n) {
    return pool()
        .withTransaction(
            tx ->
                jobs().claim(tx, provider, n, 100, Duration.ofSeconds(30), Duration.ofSeconds(60)))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private static JobRepository jobs() {
    return Arc.container().instance(JobRepository.class).get();
  }

  private static io.vertx.mutiny.sqlclient.Pool pool() {
    return GenerationFixtures.pool();
  }
}
