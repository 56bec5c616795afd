package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.stack.LocalStack;
import ai.monzie.testing.Parallel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of every service behind the gateway (issue 17, "scale-out, proven"): the limits
 * stay exact when requests land on both generation instances, a status stream on one instance hears
 * a job the other ran, a catalog write on one empties the other's read cache, and one instance of
 * each consumer killed mid-load loses and doubles nothing. One stack for the whole class; the kill
 * comes last, as it leaves one instance of each.
 *
 * <p>generation's first instance is API-only (no worker), so every job runs on generation-2: a
 * stream on the first instance hears a job only through PostgreSQL NOTIFY from the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

  private static final String A = "generation";
  private static final String B = "generation-2";
  private static final HttpClient HTTP = Http.CLIENT;

  private static LocalStack stack;

  @BeforeAll
  static void startTwoOfEverything() {
    stack = Stack.onFreePorts("stack-scaled", 2);
    stack.setInstanceEnvironment(A, "MONZIE_GENERATION_WORKER_ENABLED", "false");
    // long enough that only an invalidation, never the entry's expiry, shows a change in time
    stack.setServiceEnvironment("MONZIE_CATALOG_READ_CACHE_TTL", "60s");
    // a SIGKILLed member leaves its group after the session timeout (Kafka's default 45 s): 10 s
    // keeps the kill test short; the rebalance is the same
    stack.setServiceEnvironment("KAFKA_SESSION_TIMEOUT_MS", "10000");
    Instant began = Instant.now();
    stack.start();
    System.out.printf(
        "[e2e] two instances of every service ready in %.1f s%n",
        Duration.between(began, Instant.now()).toMillis() / 1000.0);
    Deployment.use(Stack.deployment(() -> stack));
  }

  @AfterAll
  static void stopThem() {
    Deployment.reset();
    if (stack != null) {
      stack.stop();
    }
  }

  /**
   * First, before any generation: image.generated also empties catalog's caches, and none may be on
   * its way while this test holds its breath.
   */
  @Test
  @Order(1)
  void aCatalogWriteOnOneInstanceEmptiesTheOthersReadCacheWithinASecond() throws Exception {
    String a = stack.config().serviceUrl("catalog");
    String b = stack.config().serviceUrl("catalog-2");
    String id = Api.freeScene("business");
    // each catalog instance's invalidation consumer (a group of its own, reading from the latest
    // offset) holds its partitions: a write from now on reaches both
    try (Admin admin = admin()) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> cacheGroupsAssigned(admin) == 2);
    }
    // B answers from its cache: a change behind the service's back stays unseen there (retried
    // while the demo catalog's own invalidations may still come by)
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String cached = sceneName(b, id);
              Api.sql(
                  "catalog",
                  "WITH changed AS (UPDATE scenes SET name = ? WHERE id = ?::uuid RETURNING 1)"
                      + " SELECT count(*) FROM changed",
                  "E2E behind " + UUID.randomUUID(),
                  id);
              return cached != null && cached.equals(sceneName(b, id));
            });

    String renamed = "E2E Scale " + UUID.randomUUID();
    Api.operator()
        .baseUri(a)
        .contentType("application/json")
        .body(Map.of("name", renamed))
        .patch("/v1/scenes/" + id)
        .then()
        .statusCode(200);
    Instant written = Instant.now();
    // waited for longer than the limit, so a miss says by how much
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> renamed.equals(sceneName(b, id)));
    Duration seen = Duration.between(written, Instant.now());
    System.out.printf(
        "[e2e] catalog-2 served the write made on catalog after %d ms%n", seen.toMillis());
    assertThat(seen).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  @Order(3)
  void theDailyQuotaStaysExactWithRequestsOnBothGenerationInstances() {
    String scene = Api.freeScene("fantasy");
    Api.User user = Api.signUp();
    Map<String, Long> before = generationPosts();

    List<Integer> statuses = Parallel.run(25, i -> generate(stack.config().apiUrl(), user, scene));

    assertThat(statuses).filteredOn(s -> s == 202).hasSize(10);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(15);
    assertServedByBoth(before, generationPosts(), 25);
    assertThat(Api.as(user).get("/v1/usage/today").then().extract().jsonPath().getInt("used"))
        .isEqualTo(10);
  }

  @Test
  @Order(3)
  void aPlansCreditsStayExactWithRequestsOnBothGenerationInstances() {
    String scene = Api.freeScene("portrait");
    Api.User user = Api.signUp();
    long week = System.currentTimeMillis() + Duration.ofDays(7).toMillis();
    Api.revenueCat("INITIAL_PURCHASE", user.id(), "monzie_weekly", week);
    // the plan reaches generation as entitlement.changed, through Kafka
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> available(user) == 40);
    Map<String, Long> before = generationPosts();

    List<Integer> statuses = Parallel.run(60, i -> generate(stack.config().apiUrl(), user, scene));

    assertThat(statuses).filteredOn(s -> s == 202).hasSize(40);
    assertThat(statuses).filteredOn(s -> s == 402).hasSize(20);
    assertServedByBoth(before, generationPosts(), 60);
    assertThat(available(user)).isZero();
  }

  /** Before the limit tests: their 50 jobs would queue ahead of this one on the one worker. */
  @Test
  @Order(2)
  void aStreamOnOneInstanceHearsTheEndOfAJobTheOtherInstanceRan() throws Exception {
    Api.User user = Api.signUp();
    String scene = Api.freeScene("outdoor");
    String a = stack.config().serviceUrl(A);
    StatusStream stream = StatusStream.open(a, user.token());
    assertThat(stream.status()).isEqualTo(200);

    // accepted by the first instance too; only generation-2 has workers
    HttpResponse<String> accepted = post(a, user, scene);
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = new io.restassured.path.json.JsonPath(accepted.body()).getString("id");

    List<String> streamed = stream.awaitEnd(Duration.ofSeconds(90)).lines();
    assertThat(streamed).anyMatch(l -> l.matches("event:\\s*succeeded"));
    assertThat(streamed).anyMatch(l -> l.startsWith("data:") && l.contains(id));
    assertThat(Files.readString(stack.logFile(A)))
        .contains("generation workers disabled on this instance");
    assertThat(Files.readString(stack.logFile(B)))
        .doesNotContain("generation workers disabled on this instance");
    assertThat(
            Api.sql(
                "generation",
                "SELECT count(*) FROM generation_jobs WHERE id = ?::uuid AND status = 'succeeded'",
                id))
        .isEqualTo(1);
  }

  @Test
  @Order(4)
  void killingOneInstanceOfEachConsumerMidLoadLosesNoEventAndAppliesNoneTwice() throws Exception {
    String scene = Api.createScene("E2E Scale kill " + UUID.randomUUID());
    List<Api.User> users = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      users.add(Api.signUp());
    }
    Map<String, String> groups =
        Map.of(
            "catalog", "catalog-service",
            "profile", "profile-service",
            "analytics", "analytics-service",
            "generation", "generation-service");
    try (Admin admin = admin()) {
      // both instances of each service are members of its one group, each with its own client id
      for (var group : groups.entrySet()) {
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(instancesIn(admin, group.getValue(), group.getKey()))
                        .as(group.getValue())
                        .containsExactlyInAnyOrder(group.getKey(), group.getKey() + "-2"));
      }

      int burst = 3000;
      List<Events.Event> events = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        events.add(Events.imageGenerated(users.get(i % users.size()).id(), scene));
      }
      Events.publish(stack.config().kafkaBootstrap(), events);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> usage(scene) > 0);
      List<Thread> kills = new ArrayList<>();
      for (String service : groups.keySet()) {
        Thread kill = new Thread(() -> stack.stopComponent(service + "-2", true));
        kill.start();
        kills.add(kill);
      }
      for (Thread kill : kills) {
        kill.join();
      }
      long atKill = usage(scene);

      String ids = users.stream().map(u -> "'" + u.id() + "'").collect(Collectors.joining(","));
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () ->
                  usage(scene) >= burst
                      && generationCount(ids) >= burst
                      && analyticsCount(ids) >= burst);
      assertThat(usage(scene)).as("catalog usage_count").isEqualTo(burst);
      assertThat(generationCount(ids)).as("profile generation_count").isEqualTo(burst);
      assertThat(analyticsCount(ids)).as("analytics image.generated rows").isEqualTo(burst);
      // the group rebalanced: the first instance holds every partition the second had
      for (var group : groups.entrySet()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(
                () ->
                    assertThat(instancesIn(admin, group.getValue(), group.getKey()))
                        .as(group.getValue())
                        .containsOnly(group.getKey()));
      }
      System.out.println("[e2e] catalog usage at SIGKILL: " + atKill + " of " + burst);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A generation request through the given base URL, on a thread of its own; the status. */
  static int generate(String base, Api.User user, String scene) {
    return post(base, user, scene).statusCode();
  }

  static HttpResponse<String> post(String base, Api.User user, String scene) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(base + "/v1/generations"))
              .header("Authorization", "Bearer " + user.token())
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", UUID.randomUUID().toString())
              .POST(HttpRequest.BodyPublishers.ofString("{\"scene_id\":\"" + scene + "\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Each generation instance's count of POST /v1/generations answered (its own metrics). */
  static Map<String, Long> generationPosts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String instance : stack.config().instances("generation")) {
      String metrics =
          io.restassured.RestAssured.get(stack.config().serviceUrl(instance) + "/q/metrics")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      long count = 0;
      for (String line : metrics.split("\n")) {
        if (line.startsWith("http_server_requests_seconds_count{")
            && line.contains("method=\"POST\"")
            && line.contains("uri=\"/v1/generations\"")) {
          count += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      counts.put(instance, count);
    }
    return counts;
  }

  /** Both instances answered some of the {@code total} requests, and together all of them. */
  static void assertServedByBoth(Map<String, Long> before, Map<String, Long> after, long total) {
    Map<String, Long> served = new LinkedHashMap<>();
    after.forEach((instance, count) -> served.put(instance, count - before.get(instance)));
    System.out.println("[e2e] POST /v1/generations per instance: " + served);
    assertThat(served).hasSize(2).allSatisfy((instance, n) -> assertThat(n).isPositive());
    assertThat(served.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
  }

  static long available(Api.User user) {
    return Api.as(user)
        .get("/v1/usage")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("available");
  }

  static String sceneName(String base, String id) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/scenes/" + id)).build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200
        ? new io.restassured.path.json.JsonPath(response.body()).getString("name")
        : null;
  }

  static long usage(String scene) throws Exception {
    return Api.sql("catalog", "SELECT usage_count FROM scenes WHERE id = ?::uuid", scene);
  }

  static long generationCount(String userIds) throws Exception {
    return Api.sql(
        "profile",
        "SELECT coalesce(sum(generation_count), 0) FROM profiles WHERE id IN (" + userIds + ")");
  }

  static long analyticsCount(String userIds) throws Exception {
    return Api.sql(
        "analytics",
        "SELECT count(*) FROM analytics_events WHERE event_name = 'image.generated'"
            + " AND user_id IN ("
            + userIds
            + ")");
  }

  /** How many catalog instances' cache-invalidation groups have a member holding partitions. */
  static long cacheGroupsAssigned(Admin admin) throws Exception {
    List<String> groups =
        admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
            .map(g -> g.groupId())
            .filter(g -> g.startsWith("catalog-cache-"))
            .toList();
    return admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values().stream()
        .filter(
            g -> g.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty()))
        .count();
  }

  static Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap());
    return Admin.create(props);
  }

  /**
   * The instances of {@code service} in a consumer group, from its members' client ids ({@code
   * catalog-image-generated}, {@code catalog-2-image-generated}); each must hold partitions.
   */
  static List<String> instancesIn(Admin admin, String group, String service) throws Exception {
    ConsumerGroupDescription description =
        admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
    List<String> instances = new ArrayList<>();
    for (MemberDescription member : description.members()) {
      assertThat(member.assignment().topicPartitions()).as(member.clientId()).isNotEmpty();
      String instance = member.clientId().startsWith(service + "-2-") ? service + "-2" : service;
      assertThat(member.clientId()).startsWith(service + "-");
      if (!instances.contains(instance)) {
        instances.add(instance);
      }
    }
    return instances;
  }
}
