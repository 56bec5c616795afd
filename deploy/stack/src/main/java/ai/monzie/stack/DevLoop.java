package ai.monzie.stack;

import ai.monzie.infra.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code deploy/monzie dev SERVICE}: the service's packaged process in the running stack is
 * replaced by {@code ./mvnw quarkus:dev} on the same port, with the same database, broker, keys and
 * secrets, so the gateway route reaches the live-reloading code. When the dev process ends (Ctrl-C,
 * or it exits) or this command is terminated, the packaged service is started again and waited for,
 * as {@code start} does; {@code deploy/monzie stop} ends dev mode without putting it back.
 */
final class DevLoop {

  private final LocalStack stack;
  private final StackProcesses processes;
  private final Object restoring = new Object();
  private boolean ended;

  DevLoop(LocalStack stack) {
    this.stack = stack;
    this.processes = stack.processes();
  }

  /**
   * {@code ./mvnw quarkus:dev -pl SERVICE-service}. No {@code -am}: {@code quarkus:dev} would run
   * on every platform module too; Maven takes them from the local repository, where {@code
   * deploy/monzie} installs them when their sources are newer, and Quarkus dev mode loads workspace
   * modules from their {@code target/classes}.
   */
  static List<String> command(StackConfig config, String service) {
    return List.of(
        config.repoRoot().resolve("mvnw").toString(), "quarkus:dev", "-pl", service + "-service");
  }

  /**
   * The stack's service environment for the {@code dev} profile only ({@code _DEV_} prefix):
   * continuous testing runs the test profile, with its own PostgreSQL and Kafka, not the stack's.
   * Dev services stay off: the stack is the infrastructure.
   */
  static Map<String, String> environment(Map<String, String> serviceEnvironment) {
    Map<String, String> env = new LinkedHashMap<>();
    serviceEnvironment.forEach((name, value) -> env.put(devProfile(name), value));
    env.put("_DEV_QUARKUS_DEVSERVICES_ENABLED", "false");
    return env;
  }

  private static String devProfile(String name) {
    // a variable already for one profile (_PROD_...) stays as it is
    return name.startsWith("_") ? name : "_DEV_" + name;
  }

  /** Runs the dev process until it ends, then puts the packaged service back. */
  void run(String service, List<String> command) {
    check(service);
    StackConfig config = stack.config();
    stack.stopComponent(service, false);
    Process dev;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(config.repoRoot().toFile()).inheritIO();
      builder.environment().putAll(environment(stack.serviceEnvironment(service)));
      dev = builder.start();
      Files.writeString(
          processes.devMarker(service), ProcessHandle.current().pid() + " " + dev.pid() + "\n");
    } catch (IOException e) {
      restore(service, null);
      throw new UncheckedIOException(e);
    }
    stack
        .progress()
        .accept(
            String.format(
                "%s in dev mode (pid %d): %s%n  through the gateway %s, directly %s, Dev UI %s/q/dev-ui%n"
                    + "  Ctrl-C puts the packaged %s back",
                service,
                dev.pid(),
                String.join(" ", command),
                config.apiUrl(),
                config.serviceUrl(service),
                config.serviceUrl(service),
                service));
    Process started = dev;
    // this JVM gets Ctrl-C (SIGINT) with the dev process, or SIGTERM/SIGHUP on its own: either way
    // the dev process goes and the packaged service comes back before the JVM exits
    Thread hook = new Thread(() -> restore(service, started), "dev-loop-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      dev.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    restore(service, dev);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or has run; restore already happened once
    }
  }

  /** Refuses an unknown service, a stack without its infrastructure, a second dev loop. */
  private void check(String service) {
    StackConfig config = stack.config();
    if (!StackConfig.SERVICES.contains(service)
        || !Files.exists(config.repoRoot().resolve(service + "-service/pom.xml"))) {
      throw new LocalStack.StackException(
          "unknown service '"
              + service
              + "'; deploy/monzie dev takes one of "
              + String.join(", ", StackConfig.SERVICES));
    }
    if (!stack.isReady(LocalStack.POSTGRES) || !stack.isReady(LocalStack.KAFKA)) {
      throw new LocalStack.StackException(
          "the local stack is not running (PostgreSQL on "
              + config.postgresPort()
              + " and Kafka on "
              + config.kafkaPort()
              + " must answer): deploy/monzie start first");
    }
    Optional<Long> already = stack.devPid(service);
    if (already.isPresent()) {
      throw new LocalStack.StackException(
          service + " already runs in dev mode (pid " + already.get() + ")");
    }
  }

  /**
   * Once, from whichever comes first (the dev process ending, or this JVM shutting down): the dev
   * process and its children go, then the packaged service starts and is waited for — unless {@code
   * deploy/monzie stop} took the marker away first.
   */
  private void restore(String service, Process dev) {
    synchronized (restoring) {
      if (ended) {
        return;
      }
      ended = true;
      if (dev != null) {
        StackProcesses.terminateTree(dev.toHandle());
      }
      boolean ours = ourMarker(service);
      try {
        Files.deleteIfExists(processes.devMarker(service));
      } catch (IOException ignored) {
        // a marker naming no live process counts as none
      }
      if (dev != null && !ours) {
        stack.progress().accept(service + " dev mode ended by deploy/monzie stop");
        return;
      }
      if (!stack.isReady(LocalStack.POSTGRES) || !stack.isReady(LocalStack.KAFKA)) {
        stack
            .progress()
            .accept(
                "the stack is no longer running; "
                    + service
                    + " comes back with deploy/monzie start");
        return;
      }
      Instant began = Instant.now();
      awaitPortFree(service);
      stack.progress().accept(service + " dev mode ended; starting the packaged " + service);
      try {
        stack.startComponent(service);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      stack
          .progress()
          .accept(
              String.format(
                  "%s is back (%.1f s)",
                  service, Duration.between(began, Instant.now()).toMillis() / 1000.0));
    }
  }

  /**
   * The application JVM that quarkus:dev forked may outlive Maven by a moment (or, orphaned, for
   * good): the packaged service can only start once the port is free.
   */
  private void awaitPortFree(String service) {
    int port = stack.config().servicePorts().get(service);
    Instant deadline = Instant.now().plusSeconds(StackProcesses.STOP_TIMEOUT_SECONDS);
    while (Ports.isOpen("127.0.0.1", port)) {
      if (Instant.now().isAfter(deadline)) {
        throw new LocalStack.StackException(
            "port "
                + port
                + " is still in use by "
                + PortOwners.describe(port).orElse("another program")
                + "; the packaged "
                + service
                + " was not started (deploy/monzie start, once it is free)");
      }
      LocalStack.sleep(250);
    }
  }

  /** Whether the service's dev marker is still this loop's (stop removes it first). */
  private boolean ourMarker(String service) {
    return processes
        .devMarkerPids(service)
        .map(pids -> pids[0] == ProcessHandle.current().pid())
        .orElse(false);
  }
}
