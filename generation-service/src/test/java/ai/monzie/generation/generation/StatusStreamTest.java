package ai.monzie.generation.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class StatusStreamTest {

  @TestHTTPResource("/v1/generations/stream")
  URI streamUri;

  /** An open SSE connection whose lines are collected as they arrive. */
  record Stream(HttpResponse<InputStream> response, List<String> lines, AtomicBoolean ended)
      implements AutoCloseable {
    @Override
    public void close() throws Exception {
      response.body().close();
    }

    /** The data of every event named {@code status}, as JSON. */
    List<JsonPath> events(String status) {
      List<JsonPath> found = new java.util.ArrayList<>();
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).equals("event:" + status) || lines.get(i).equals("event: " + status)) {
          for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
            if (lines.get(j).startsWith("data:")) {
              found.add(JsonPath.from(lines.get(j).substring(5).trim()));
            }
          }
        }
      }
      return found;
    }
  }

  Stream open(UUID user) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(streamUri)
            .header("Authorization", "Bearer " + TestInfra.token("authenticated", user.toString()))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("text/event-stream");
    List<String> lines = new CopyOnWriteArrayList<>();
    AtomicBoolean ended = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
                ended.set(true); // the server ended the stream
              } catch (Exception closed) {
                // the test closed the stream
              }
            });
    reader.setDaemon(true);
    reader.start();
    // the first heartbeat arrives at once: from then on the stream follows every change
    await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":heartbeat"));
    return new Stream(response, lines, ended);
  }

  @Test
  void theStreamCarriesEachTransitionWithTheImageAtTheEnd() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    UUID stranger = GenerationFixtures.user();
    try (Stream mine = open(user);
        Stream theirs = open(stranger)) {
      String id =
          GenerationFixtures.requestGeneration(user, scene)
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      await().atMost(Duration.ofSeconds(30)).until(() -> !mine.events("succeeded").isEmpty());
      // one queued event, then one more each time its place in line changes (the queue moves)
      assertThat(mine.events("queued"))
          .extracting(e -> e.getString("id"))
          .isNotEmpty()
          .allMatch(id::equals);
      assertThat(mine.events("running")).extracting(e -> e.getString("id")).contains(id);
      JsonPath done = mine.events("succeeded").get(0);
      assertThat(done.getString("id")).isEqualTo(id);
      assertThat(done.getString("status")).isEqualTo("succeeded");
      assertThat(done.getString("image.image_url")).contains("/v1/files/users/" + user);
      int queued = mine.lines().indexOf("event:queued");
      int succeeded = mine.lines().indexOf("event:succeeded");
      assertThat(queued).isLessThan(succeeded);
      assertThat(mine.lines()).anyMatch(l -> l.startsWith("id:") && l.contains(id));
      // nobody else hears of it
      assertThat(theirs.lines()).noneMatch(l -> l.contains(id));
    }
  }

  @Test
  void aFailureArrivesWithItsReason() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String url = UploadFixtures.uploadJpeg(user);
    UploadFixtures.corrupt(url);
    try (Stream stream = open(user)) {
      GenerationFixtures.jsonAs(user)
          .body(java.util.Map.of("scene_id", scene.toString(), "original_photo_url", url))
          .post("/v1/generations")
          .then()
          .statusCode(202);
      await().atMost(Duration.ofSeconds(30)).until(() -> !stream.events("failed").isEmpty());
      assertThat(stream.events("failed").get(0).getString("error")).contains("could not be read");
    }
  }

  @Test
  void aChangeSignalledByAnotherInstanceReachesTheStream() throws Exception {
    UUID user = GenerationFixtures.user();
    try (Stream stream = open(user)) {
      UUID job = notifyFailed(user);
      await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("failed").isEmpty());
      assertThat(stream.events("failed").get(0).getString("id")).isEqualTo(job.toString());
      assertThat(stream.events("failed").get(0).getString("error")).isEqualTo("elsewhere");
    }
  }

  @Test
  void aUserHoldsAtMostFiveStreamsTheSixthClosesTheOldest() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID other = GenerationFixtures.user();
    List<Stream> streams = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        streams.add(open(user));
      }
      assertThat(streams).noneMatch(s -> s.ended().get());
      streams.add(open(user)); // the sixth
      await().atMost(Duration.ofSeconds(10)).until(() -> streams.get(0).ended().get());
      streams.add(open(user)); // and a seventh closes the next oldest
      await().atMost(Duration.ofSeconds(10)).until(() -> streams.get(1).ended().get());
      Stream others = open(other);
      streams.add(others);
      // the five newest still follow the user's changes; the other user's stream works
      UUID job = notifyFailed(user);
      UUID theirs = notifyFailed(other);
      for (Stream open : streams.subList(2, 7)) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> open.lines().stream().anyMatch(l -> l.contains(job.toString())));
        assertThat(open.ended()).isFalse();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> others.lines().stream().anyMatch(l -> l.contains(theirs.toString())));
      assertThat(streams.get(0).lines()).noneMatch(l -> l.contains(job.toString()));
      assertThat(streams.get(1).lines()).noneMatch(l -> l.contains(job.toString()));
    } finally {
      for (Stream stream : streams) {
        stream.close();
      }
    }
  }

  @Test
  void aQueuedJobsStreamReceivesItsNewPlaceAsTheLineMoves() throws Exception {
    UUID user = GenerationFixtures.user();
    UUID stranger = GenerationFixtures.user();
    // a provider of this test's own, which no worker serves: the line moves only when we move it
    String provider = "line-" + UUID.randomUUID();
    UUID first = queuedJob(stranger, provider, 3);
    UUID second = queuedJob(stranger, provider, 2);
    UUID mine = queuedJob(user, provider, 1);
    try (Stream stream = open(user)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> places(stream, mine).contains(3));

      leaveTheLine(first);
      await().atMost(Duration.ofSeconds(10)).until(() -> places(stream, mine).contains(2));
      leaveTheLine(second);
      await().atMost(Duration.ofSeconds(10)).until(() -> places(stream, mine).contains(1));

      // one event per change of place, in order, and never another user's job
      assertThat(places(stream, mine)).containsExactly(3, 2, 1);
      assertThat(stream.lines())
          .noneMatch(l -> l.contains(first.toString()) || l.contains(second.toString()));
    }
  }

  private static List<Integer> places(Stream stream, UUID job) {
    return stream.events("queued").stream()
        .filter(e -> job.toString().equals(e.getString("id")))
        .map(e -> e.getInt("queue_position"))
        .toList();
  }

  /** A queued job of the provider, queued {@code secondsAgo} (earlier = ahead in line). */
  private static UUID queuedJob(UUID user, String provider, int secondsAgo) {
    UUID id = UUID.randomUUID();
    GenerationFixtures.one(
        "INSERT INTO generation_jobs (id, user_id, status, provider, model, scene_id, scene_name,"
            + " prompt, image_size, seed, quota_date, created_at) VALUES ($1, $2, 'queued', $3,"
            + " 'm', $4, 'Scene', 'a prompt', 'square', 1, current_date,"
            + " now() - make_interval(secs => $5)) RETURNING id",
        io.vertx.mutiny.sqlclient.Tuple.of(id, user, provider, UUID.randomUUID(), secondsAgo));
    return id;
  }

  /** The job ahead is claimed elsewhere (its own user's stream hears of that, not ours). */
  private static void leaveTheLine(UUID job) {
    GenerationFixtures.one(
        "UPDATE generation_jobs SET status = 'running', started_at = now() WHERE id = $1"
            + " RETURNING id",
        io.vertx.mutiny.sqlclient.Tuple.of(job));
  }

  /** What another instance's worker does when a job fails: NOTIFY on commit. */
  private static UUID notifyFailed(UUID user) {
    UUID job = UUID.randomUUID();
    GenerationFixtures.one(
        "SELECT pg_notify('monzie_generation_status', $1)",
        io.vertx.mutiny.sqlclient.Tuple.of(
            "{\"id\":\""
                + job
                + "\",\"user_id\":\""
                + user
                + "\",\"status\":\"failed\",\"error\":\"elsewhere\"}"));
    return job;
  }

  @Test
  void theStreamNeedsAToken() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(streamUri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }
}
