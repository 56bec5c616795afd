package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.monzie.infra.Ports;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * Finding 18 of issue 16: right after a SIGKILL the pid file still names the process, and where
   * nothing reaps it, it is a zombie the kernel calls alive; `start` said "already running".
   */
  @Test
  void startRestartsAComponentWhosePidFileNamesAZombie(@TempDir Path state) throws Exception {
    StackConfig config = freePorts(state);
    LocalStack stack = new LocalStack(config, line -> {});
    Process parent = zombieParent();
    try {
      long zombie = Long.parseLong(parent.inputReader().readLine().trim());
      await().atMost(Duration.ofSeconds(10)).until(() -> StackProcesses.isZombie(zombie));
      Files.createDirectories(config.pids());
      Files.createDirectories(config.logs());
      Files.writeString(config.pids().resolve("gateway.pid"), zombie + "\n");
      assertThat(stack.pid(LocalStack.GATEWAY)).isEmpty();

      List<String> progress = new ArrayList<>();
      new LocalStack(config, progress::add).startComponent(LocalStack.GATEWAY);
      assertThat(progress)
          .noneMatch(line -> line.contains("already running"))
          .anyMatch(line -> line.contains("stale pid file: " + zombie))
          .anyMatch(line -> line.startsWith("starting gateway"));
      assertThat(stack.pid(LocalStack.GATEWAY)).isPresent().isNotEqualTo(Optional.of(zombie));
      assertThat(stack.isReady(LocalStack.GATEWAY)).isTrue();

      // and once it runs, a second start leaves it alone
      List<String> again = new ArrayList<>();
      new LocalStack(config, again::add).startComponent(LocalStack.GATEWAY);
      assertThat(again).containsExactly("gateway already running");
    } finally {
      stack.stopComponent(LocalStack.GATEWAY, false);
      parent.destroyForcibly();
    }
  }

  @Test
  void aLiveProcessThatIsNotTheComponentIsNotTakenForIt(@TempDir Path state) throws Exception {
    StackConfig config = freePorts(state);
    Process stranger = new ProcessBuilder("sleep", "30").start(); // a reused pid, say
    try {
      Files.createDirectories(config.pids());
      for (String component : List.of("postgres", "kafka", "gateway", "catalog")) {
        Files.writeString(config.pids().resolve(component + ".pid"), stranger.pid() + "\n");
        assertThat(new LocalStack(config, line -> {}).pid(component)).as(component).isEmpty();
      }
    } finally {
      stranger.destroyForcibly();
    }
  }

  /** A process whose child has exited and is never reaped: it prints the zombie's pid. */
  static Process zombieParent() throws Exception {
    // perl (in every Debian base) forks and never waits; a shell may reap its background job
    // before it execs, and then there is no zombie to find
    return new ProcessBuilder(
            "perl",
            "-e",
            "$| = 1; my $p = fork(); if ($p) { print \"$p\\n\"; sleep 30 } else { exit 0 }")
        .start();
  }

  static StackConfig freePorts(Path state) {
    return new StackConfig(
        StackConfig.findRepoRoot(),
        state,
        Ports.free(),
        Ports.free(),
        Ports.free(),
        Ports.free(),
        Map.of(
            "profile", Ports.free(),
            "catalog", Ports.free(),
            "generation", Ports.free(),
            "analytics", Ports.free()));
  }

  @Test
  void developmentSecretsAreGeneratedOnceAndKept(@TempDir Path state) {
    StackConfig config = new StackConfig(StackConfig.findRepoRoot(), state, 1, 2, 3, 4, Map.of());
    var first = new LocalStack(config, s -> {}).secrets();
    var again = new LocalStack(config, s -> {}).secrets();
    assertThat(first.getProperty("revenuecat-webhook-secret"))
        .startsWith("rc_dev_")
        .hasSizeGreaterThan(30);
    assertThat(first.getProperty("adapty-webhook-secret"))
        .startsWith("adapty_dev_")
        .hasSizeGreaterThan(30);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aStateFolderFromBeforeAdaptyGetsAnAdaptySecretAndKeepsItsOthers(@TempDir Path state)
      throws Exception {
    java.nio.file.Files.writeString(
        state.resolve("secrets.properties"),
        "revenuecat-webhook-secret=rc_dev_old\nfiles-signing-key=old-key\n");
    StackConfig config = new StackConfig(StackConfig.findRepoRoot(), state, 1, 2, 3, 4, Map.of());
    var secrets = new LocalStack(config, s -> {}).secrets();
    assertThat(secrets.getProperty("revenuecat-webhook-secret")).isEqualTo("rc_dev_old");
    assertThat(secrets.getProperty("files-signing-key")).isEqualTo("old-key");
    assertThat(secrets.getProperty("adapty-webhook-secret")).startsWith("adapty_dev_");
    assertThat(new LocalStack(config, s -> {}).secrets()).isEqualTo(secrets);
    assertThat(new LocalStack(config, s -> {}).serviceEnvironment("profile"))
        .containsEntry(
            "MONZIE_ADAPTY_WEBHOOK_SECRET", secrets.getProperty("adapty-webhook-secret"));
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

  @Test
  void aTokenLivingLongerThanTheServicesAcceptIsRefusedByTheCli() {
    assertThat(MonzieCli.tokenTtl("24h")).hasHours(24);
    assertThatThrownBy(() -> MonzieCli.tokenTtl("7d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 24h");
  }
}
