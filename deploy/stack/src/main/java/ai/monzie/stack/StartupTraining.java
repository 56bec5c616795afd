package ai.monzie.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Makes a service's start-up cache with one training run, once per build and Java: started with the
 * training option, a few read requests, then SIGTERM; the JVM writes the cache as it exits (Java 25
 * assembles it in a JVM it forks, which takes seconds). Without a cache afterwards the service
 * still starts, only slower, and the line says where to look.
 */
final class StartupTraining {

  /** How long a training run may take to write its cache after SIGTERM. */
  static final Duration EXIT_TIMEOUT = Duration.ofMinutes(3);

  private final StackConfig config;
  private final StackProcesses processes;
  private final Readiness readiness;
  private final Launcher launcher;
  private final DevSecrets secrets;
  private final Consumer<String> progress;

  StartupTraining(
      StackConfig config,
      StackProcesses processes,
      Readiness readiness,
      Launcher launcher,
      DevSecrets secrets,
      Consumer<String> progress) {
    this.config = config;
    this.processes = processes;
    this.readiness = readiness;
    this.launcher = launcher;
    this.secrets = secrets;
    this.progress = progress;
  }

  /** Trains the service (its first instance's port and name) unless its cache is current. */
  void trainIfStale(String service, Path log) throws IOException {
    StartupCache cache = launcher.startupCache(service);
    if (cache.current()) {
      return;
    }
    Instant began = Instant.now();
    progress.accept("training " + service + "'s " + cache.kind() + " (once per build) ...");
    cache.discard();
    long pid =
        processes.spawn(
            service,
            launcher.serviceCommand(service, cache.trainOptions()),
            launcher.serviceEnvironment(service));
    processes.writePid(service, pid); // `deploy/monzie stop` finds it should this command end
    readiness.await(service, pid, log);
    String token =
        service.equals("analytics")
            ? secrets.token("service_role", DevSecrets.SERVICE_SUBJECT, Duration.ofMinutes(5))
            : secrets.token("authenticated", UUID.randomUUID().toString(), Duration.ofMinutes(5));
    for (String path : StartupCache.TRAINING_PATHS.getOrDefault(service, List.of())) {
      readiness.get(config.serviceUrl(service) + path, token);
    }
    ProcessHandle.of(pid).ifPresent(p -> StackProcesses.awaitExit(p, EXIT_TIMEOUT));
    Files.deleteIfExists(processes.pidFile(service));
    if (Files.exists(cache.file())) {
      cache.markMade();
      progress.accept(
          String.format(
              "%-10s ... %s made (%.1f s)",
              service, cache.kind(), Duration.between(began, Instant.now()).toMillis() / 1000.0));
    } else {
      progress.accept(service + ": no " + cache.kind() + " was written; see " + log);
    }
  }
}
