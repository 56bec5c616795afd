package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.stack.StackConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;

/**
 * The user journey and the operator journey (the very tests of {@link UserJourneyIT} and {@link
 * OperatorJourneyIT}) against the shipped images as containers behind the gateway — see {@link
 * ContainerStack} — plus what only containers show: the images' user and read-only root filesystem
 * hold, and a service killed mid-journey is restarted by the engine and the journey completes.
 * Skipped, saying why, where no container engine answers or the images are not built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ContainerJourneyIT {

  private ContainerStack stack;
  private long began;

  @BeforeAll
  void startContainers() {
    ContainerStack.unavailable()
        .ifPresent(
            why -> {
              // surefire counts a class aborted in @BeforeAll as 0 tests and keeps no reason
              System.out.println("[containers] container journey SKIPPED: " + why);
              Assumptions.abort("container journey skipped: " + why);
            });
    began = System.nanoTime();
    stack = ContainerStack.get();
    System.out.printf(
        "[containers] stack up in %.1f s; start-to-ready: %s%n",
        (System.nanoTime() - began) / 1e9, stack.startTimes());
    Deployment.use(stack);
  }

  @AfterAll
  void backToTheProcessStack() {
    Deployment.reset();
    if (stack != null) {
      System.out.printf(
          "[containers] journey (stack start included) took %.1f s%n",
          (System.nanoTime() - began) / 1e9);
    }
  }

  @Nested
  @Order(1)
  class TheUserJourney extends UserJourneyIT {}

  @Nested
  @Order(2)
  class TheOperatorJourney extends OperatorJourneyIT {}

  /**
   * Last, after the journeys: the kill disturbs the whole stack (a SIGKILLed consumer's partitions
   * stay with its dead member until its Kafka session times out, 45 s), which the journeys' waits
   * for an event are not sized for.
   */
  @Nested
  @Order(3)
  class WhenAServiceDies {

    @Test
    void generationKilledMidJourneyIsRestartedByTheEngineAndTheJourneyCompletes() {
      killGenerationMidBurst();
    }
  }

  @Test
  void everyServiceRunsAsUser185OnAReadOnlyRootWithinItsMemoryLimit() throws Exception {
    for (String service : StackConfig.SERVICES) {
      var container = stack.container(service);
      var inspected = stack.inspect(service);
      assertThat(inspected.getConfig().getUser()).as(service + " user").isEqualTo("185");
      assertThat(inspected.getHostConfig().getReadonlyRootfs()).as(service).isTrue();
      assertThat(inspected.getHostConfig().getMemory())
          .isEqualTo(ContainerStack.memoryLimit(service));
      // the image's own entrypoint (Jib's java command line, with the AOT cache that
      // deploy/images/aot-train.sh baked in), not one of the test's
      String aotCache = inspected.getConfig().getWorkingDir().replaceAll("/$", "") + "/app.aot";
      assertThat(String.join(" ", inspected.getConfig().getEntrypoint()))
          .contains("-XX:MaxRAMPercentage=75")
          .contains("-XX:AOTCache=" + aotCache)
          .contains("quarkus-run.jar");
      var cache = container.execInContainer("test", "-s", aotCache);
      assertThat(cache.getExitCode()).as(service + " has its AOT cache").isZero();
      // a cache the JVM cannot use (another JVM build, other jars) is dropped with a warning
      assertThat(stack.log(service)).as(service + " log").doesNotContain("[aot]", "[cds]");
      var id = container.execInContainer("id", "-u");
      assertThat(id.getStdout().trim()).isEqualTo("185");
      var write = container.execInContainer("sh", "-c", "echo x > /deployments/x");
      assertThat(write.getExitCode()).as(service + " writes its root filesystem").isNotZero();
      assertThat(write.getStderr()).contains("Read-only file system");
    }
  }

  private void killGenerationMidBurst() {
    Api.User user = Api.signUp();
    String scene = Api.freeScene("vintage");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(Api.generate(user, scene).then().statusCode(202).extract().path("id"));
    }
    String containerId = stack.container("generation").getContainerId();
    long killed = stack.killMainProcess("generation"); // SIGKILL mid-burst, as an OOM kill
    long t0 = System.nanoTime();
    // the engine starts the same container again (a new process), and it becomes ready
    await()
        .atMost(Duration.ofSeconds(420))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              long pid = stack.inspect("generation").getState().getPidLong();
              return pid != 0 && pid != killed && stack.ready("generation");
            });
    assertThat(stack.inspect("generation").getId()).isEqualTo(containerId);
    System.out.printf(
        "[containers] generation restarted by the engine (restart count %s), ready %.1f s after"
            + " SIGKILL%n",
        stack.inspect("generation").getRestartCount(), (System.nanoTime() - t0) / 1e9);

    // the journey goes on: a new job is accepted and finishes; every job accepted before the
    // kill ends (a leased one is taken over after the crash) with its image stored exactly once
    String after = Api.generate(user, scene).then().statusCode(202).extract().path("id");
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> "succeeded".equals(Api.generation(user, after).getString("status")));
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            List.of("succeeded", "failed")
                                .contains(Api.generation(user, id).getString("status"))));
    ids.add(after);
    long succeeded =
        ids.stream()
            .filter(id -> "succeeded".equals(Api.generation(user, id).getString("status")))
            .count();
    assertThat(
            Api.as(user)
                .get("/v1/images?limit=50")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .hasSize((int) succeeded);
  }
}
