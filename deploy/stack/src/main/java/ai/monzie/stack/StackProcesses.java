package ai.monzie.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Process supervision for the local stack: every component is a detached process (its own session,
 * so it outlives the command that started it) with a pid file and a log under the state folder.
 * Whether a component runs is decided from its pid file and the process it names, never the file
 * alone.
 */
final class StackProcesses {

  /** How long a component may take to stop after SIGTERM before it gets SIGKILL. */
  static final long STOP_TIMEOUT_SECONDS = 20;

  private final StackConfig config;

  StackProcesses(StackConfig config) {
    this.config = config;
  }

  /** Starts {@code command} detached, its output appended to the component's log. */
  long spawn(String name, List<String> command, Map<String, String> env) throws IOException {
    List<String> detached = new ArrayList<>(command);
    detached.add(0, "setsid"); // its own session: it outlives this command and Ctrl-C here
    ProcessBuilder builder =
        new ProcessBuilder(detached)
            .directory(config.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(config.logs().resolve(name + ".log").toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(env);
    return builder.start().pid();
  }

  /** A JVM running {@code main} from this stack's own class path. */
  List<String> javaCommand(Class<?> main, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                java(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  Path pidFile(String component) {
    return config.pids().resolve(component + ".pid");
  }

  void writePid(String component, long pid) throws IOException {
    Files.writeString(pidFile(component), pid + "\n");
  }

  /**
   * The component's pid when its pid file names a live process that is this component: not a zombie
   * (a SIGKILLed process nobody reaped is "alive" to the kernel), and with the component's command
   * line (a pid reused by another program is not ours).
   */
  Optional<Long> pid(String component) {
    Path file = pidFile(component);
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(file).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> !isZombie(pid))
          .filter(p -> isOurs(component, p))
          .map(p -> pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Where {@code deploy/monzie dev SERVICE} records itself while it runs: "SUPERVISOR_PID DEV_PID"
   * (the CLI's JVM and the {@code quarkus:dev} process it started).
   */
  Path devMarker(String service) {
    return config.pids().resolve(service + ".dev");
  }

  /** The pids in the service's dev marker: supervisor, then dev process; empty when none. */
  Optional<long[]> devMarkerPids(String service) {
    try {
      String[] parts = Files.readString(devMarker(service)).trim().split("\\s+");
      return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The pid of the service's {@code quarkus:dev} process while it runs. */
  Optional<Long> devPid(String service) {
    return devMarkerPids(service)
        .map(pids -> pids[1])
        .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .filter(pid -> !isZombie(pid));
  }

  /**
   * Removes a pid file that names no running component (a SIGKILL leaves it behind) and says what
   * it named; empty when there is none or it is current.
   */
  Optional<String> removeStalePidFile(String component) throws IOException {
    Path file = pidFile(component);
    if (!Files.exists(file) || pid(component).isPresent()) {
      return Optional.empty();
    }
    String named = Files.readString(file).trim();
    Files.delete(file);
    return Optional.of(named);
  }

  /** Whether the process runs this component: its command line names what it was started with. */
  private boolean isOurs(String component, ProcessHandle process) {
    String commandLine = commandLine(process);
    List<String> signature =
        switch (component) {
          case LocalStack.POSTGRES ->
              List.of(
                  PostgresHost.class.getName(),
                  config.stateDir().resolve("postgres/data").toString());
          case LocalStack.KAFKA ->
              List.of("kafka.Kafka", config.stateDir().resolve("kafka").toString());
          case LocalStack.GATEWAY ->
              List.of(
                  Gateway.class.getName(),
                  config.repoRoot().resolve("deploy/routes.yaml").toString());
          case LocalStack.PUSH_SINK ->
              List.of(PushSink.class.getName(), PushSink.recordsFile(config.stateDir()).toString());
          case LocalStack.MAIL ->
              List.of(MailCatcher.class.getName(), MailCatcher.mailDir(config).toString());
          // the instance's own option, followed by the next argument: generation's is not
          // generation-2's
          default ->
              List.of(
                  config.serviceJar(StackConfig.serviceOf(component)).toString(),
                  Launcher.instanceOption(component) + " ");
        };
    return signature.stream().allMatch(commandLine::contains);
  }

  /**
   * The whole command line: /proc/PID/cmdline where there is one (ProcessHandle.Info cuts it at 4
   * KB, before a long class path gets to the main class), else what ProcessHandle.Info knows.
   */
  private static String commandLine(ProcessHandle process) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      ProcessHandle.Info info = process.info();
      return info.command().orElse("")
          + " "
          + String.join(" ", info.arguments().orElse(new String[0]));
    }
  }

  /** A zombie ("Z" in /proc/PID/stat): exited, not yet reaped. Where there is no /proc, no. */
  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'
      return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * PostgreSQL's server runs as a daemon beside its host process: when the host died without its
   * shutdown hook (SIGKILL), the server is still there. Its postmaster.pid names it.
   */
  Optional<ProcessHandle> leftoverPostmaster() {
    Path pidFile = config.stateDir().resolve("postgres/data/postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no readable pid file: nothing left
    }
  }

  /**
   * A process and everything it started (quarkus:dev is Maven plus the application's JVM it forks):
   * SIGTERM to all at once, then SIGKILL to what is left after the stop timeout.
   */
  static void terminateTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(0, root);
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_TIMEOUT_SECONDS);
    for (ProcessHandle process : all) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException | InterruptedException timeout) {
        process.destroyForcibly();
        process.onExit().join();
      }
    }
  }

  /** SIGTERM, then waits up to {@code timeout}; SIGKILL when it is still there after it. */
  static void awaitExit(ProcessHandle handle, java.time.Duration timeout) {
    handle.destroy();
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException | InterruptedException timedOut) {
      handle.destroyForcibly();
      handle.onExit().join();
    }
  }

  /** SIGTERM (or SIGKILL), then waits; SIGKILL when it is still there after the stop timeout. */
  static void terminate(ProcessHandle handle, boolean kill) {
    if (kill) {
      handle.destroyForcibly();
    } else {
      handle.destroy();
    }
    try {
      handle.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException | InterruptedException timeout) {
      handle.destroyForcibly();
      handle.onExit().join();
    }
  }
}
