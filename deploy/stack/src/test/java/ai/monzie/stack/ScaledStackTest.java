package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.infra.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/monzie start --replicas 2}: every service twice, each instance a process of its own
 * on its own port, told apart by its pid file and command line; stop stops them all.
 */
class ScaledStackTest {

  @Test
  void everyInstanceRunsAsItsOwnProcessOnItsOwnPortAndStopStopsThemAll(@TempDir Path repo)
      throws Exception {
    StackConfig config =
        new StackConfig(
                repo,
                repo.resolve(".monzie"),
                Ports.free(),
                Ports.free(),
                Ports.free(),
                Ports.free(),
                Map.of("catalog", Ports.free()))
            .withReplicas(2, instance -> Ports.free());
    DevLoopTest.writeStandInJar(config.serviceJar("catalog"));
    Files.createDirectories(config.logs());
    Files.createDirectories(config.pids());
    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    LocalStack stack = new LocalStack(config, progress::add);
    try {
      assertThat(stack.instances()).containsExactly("catalog", "catalog-2");
      assertThat(stack.components()).containsSequence("catalog", "catalog-2", LocalStack.GATEWAY);

      stack.startComponent("catalog");
      stack.startComponent("catalog-2");

      long first = stack.pid("catalog").orElseThrow();
      long second = stack.pid("catalog-2").orElseThrow();
      assertThat(first).isNotEqualTo(second);
      assertThat(stack.state("catalog-2")).isEqualTo("ready");
      assertThat(config.port("catalog-2")).isNotEqualTo(config.port("catalog"));
      assertThat(Files.readString(Path.of("/proc", String.valueOf(second), "cmdline")))
          .contains("-Dkafka.client-id-prefix=catalog-2-");
      // one instance's pid file naming the other's process is not taken for it
      Files.writeString(config.pids().resolve("catalog.pid"), second + "\n");
      assertThat(stack.pid("catalog")).isEmpty();
      Files.writeString(config.pids().resolve("catalog.pid"), first + "\n");
      assertThat(stack.pid("catalog")).contains(first);

      stack.stop();

      assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive))
          .isNotEqualTo(Optional.of(true));
      assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive))
          .isNotEqualTo(Optional.of(true));
      assertThat(stack.state("catalog")).isEqualTo("stopped");
      assertThat(stack.state("catalog-2")).isEqualTo("stopped");
    } finally {
      stack.stop();
    }
  }

  @Test
  void theGatewayIsStartedWithEveryInstanceOfEveryService(@TempDir Path repo) {
    StackConfig config =
        new StackConfig(repo, repo.resolve(".monzie"), 1, 2, 3, 4, Map.of("catalog", 8082))
            .withReplicas(3, instance -> instance.equals("catalog-2") ? 9182 : 9282);
    LocalStack stack = new LocalStack(config, line -> {});
    assertThat(config.instances("catalog")).containsExactly("catalog", "catalog-2", "catalog-3");
    assertThat(
            new Launcher(config, stack.processes(), null, null, line -> {}, Map.of())
                .gatewayPorts())
        .isEqualTo("catalog=8082+9182+9282");
    assertThat(stack.serviceEnvironment("catalog-3")).containsEntry("QUARKUS_HTTP_PORT", "9282");
  }

  @Test
  void defaultInstancesAreAHundredPortsApartAndLaterCommandsSeeHowManyRun(@TempDir Path state)
      throws Exception {
    Path root = StackConfig.findRepoRoot();
    Map<String, String> env = Map.of("MONZIE_STATE_DIR", state.toString());
    StackConfig scaled = StackConfig.defaults(root, null, 2, env);
    assertThat(scaled.replicas()).isEqualTo(2);
    assertThat(scaled.instances("generation")).containsExactly("generation", "generation-2");
    assertThat(scaled.port("generation-2")).isEqualTo(scaled.port("generation") + 100);
    assertThat(scaled.serviceUrl("generation-2"))
        .isEqualTo("http://localhost:" + (scaled.port("generation") + 100));
    assertThat(StackConfig.defaults(root, null, null, env).replicas()).isEqualTo(1);

    // `deploy/monzie stop` and `status` take no --replicas: they see the running stack's
    Files.createDirectories(state.resolve("pids"));
    Files.writeString(StackConfig.replicasFile(state), "2\n");
    assertThat(StackConfig.defaults(root, null, null, env).instances("analytics"))
        .containsExactly("analytics", "analytics-2");

    assertThat(StackConfig.serviceOf("generation-2")).isEqualTo("generation");
    assertThat(StackConfig.serviceOf("generation")).isEqualTo("generation");
    assertThat(StackConfig.serviceOf(LocalStack.PUSH_SINK)).isEqualTo(LocalStack.PUSH_SINK);
  }
}
