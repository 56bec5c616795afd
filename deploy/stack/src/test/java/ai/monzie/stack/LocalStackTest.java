package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.monzie.infra.Ports;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

  @Test
  void aPortInUseIsAClearErrorNamingThePortAndNothingStarts(@TempDir Path state) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      StackConfig config =
          new StackConfig(
              StackConfig.findRepoRoot(),
              state,
              Ports.free(),
              port,
              Ports.free(),
              Ports.free(),
              Map.of(
                  "profile",
                  Ports.free(),
                  "catalog",
                  Ports.free(),
                  "generation",
                  Ports.free(),
                  "analytics",
                  Ports.free()));
      List<String> progress = new ArrayList<>();
      assertThatThrownBy(() -> new LocalStack(config, progress::add).start())
          .isInstanceOf(LocalStack.StackException.class)
          .hasMessageContaining("port " + port + " (postgres) is already in use")
          // this JVM holds the port: the error names it
          .hasMessageContaining("by pid " + ProcessHandle.current().pid());
      assertThat(progress).noneMatch(line -> line.startsWith("starting"));
      assertThat(Files.list(config.pids())).isEmpty();
    }
  }

  @Test
  void developmentSecretsAreGeneratedOnceAndKept(@TempDir Path state) {
    StackConfig config = new StackConfig(StackConfig.findRepoRoot(), state, 1, 2, 3, 4, Map.of());
    var first = new LocalStack(config, s -> {}).secrets();
    var again = new LocalStack(config, s -> {}).secrets();
    assertThat(first.getProperty("revenuecat-webhook-secret"))
        .startsWith("rc_dev_")
        .hasSizeGreaterThan(30);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void theOwnerOfAListeningPortIsFound() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThat(PortOwners.describe(taken.getLocalPort()))
          .hasValueSatisfying(
              owner ->
                  assertThat(owner)
                      .startsWith("pid " + ProcessHandle.current().pid() + " (")
                      .contains("java"));
    }
    assertThat(PortOwners.describe(Ports.free())).isEmpty();
  }

  @Test
  void optionsAndPositionalArgumentsParse() {
    String[] args = {"-f", "catalog", "--role", "service_role", "--ttl=15m", "--yes"};
    assertThat(MonzieCli.options(args))
        .containsEntry("f", "true")
        .containsEntry("role", "service_role")
        .containsEntry("ttl", "15m")
        .containsEntry("yes", "true");
    assertThat(MonzieCli.positional(args)).containsExactly("catalog");
  }

  @Test
  void durationsParse() {
    assertThat(MonzieCli.parseDuration("15m")).hasMinutes(15);
    assertThat(MonzieCli.parseDuration("2h")).hasHours(2);
    assertThatThrownBy(() -> MonzieCli.parseDuration("3y"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MonzieCli.parseDuration("h"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
