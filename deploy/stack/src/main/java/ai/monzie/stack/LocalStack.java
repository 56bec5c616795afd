package ai.monzie.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The local stack: PostgreSQL host, Kafka broker, the services whose jars exist (one or more
 * instances of each), and the gateway, started in that order and stopped the other way. This class
 * is that order; {@link Launcher} says what each component is started with, {@link StackProcesses}
 * supervises the processes, {@link Readiness} says when each is ready, {@link DevSecrets} holds the
 * keys and secrets, {@link StartupTraining} makes the start-up caches, {@link DemoSeeding} loads
 * the demo data once.
 */
public final class LocalStack {

  public static final String POSTGRES = "postgres";
  public static final String KAFKA = "kafka";
  public static final String GATEWAY = "gateway";
  public static final String PUSH_SINK = "push-sink";
  public static final String MAIL = MailCatcher.COMPONENT;

  private static final List<String> INFRASTRUCTURE = List.of(POSTGRES, KAFKA, PUSH_SINK, MAIL);

  private final Map<String, String> extraEnvironment = new ConcurrentHashMap<>();
  private final StackConfig config;
  private final Consumer<String> progress;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on each probe
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final StackProcesses processes;
  private final Readiness readiness;
  private final DevSecrets secrets;
  private final Launcher launcher;
  private final StartupTraining training;
  private volatile boolean trainStartupCaches;

  public LocalStack(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.processes = new StackProcesses(config);
    this.readiness = new Readiness(config, http);
    this.secrets = new DevSecrets(config);
    this.launcher = new Launcher(config, processes, readiness, secrets, progress, extraEnvironment);
    this.training = new StartupTraining(config, processes, readiness, launcher, secrets, progress);
  }

  public StackConfig config() {
    return config;
  }

  /**
   * Whether a service without a current start-up cache gets a training run first ({@code deploy/
   * monzie start}: once per build, then every start is fast). Off by default: a test's stack starts
   * each jar a few times only, and uses a cache only when one of its Java is already there.
   */
  public void trainStartupCaches(boolean train) {
    this.trainStartupCaches = train;
  }

  /** The services whose jars are built (every service that exists). */
  public List<String> services() {
    return StackConfig.SERVICES.stream().filter(s -> Files.exists(config.serviceJar(s))).toList();
  }

  /** Every instance of every built service: {@code generation}, {@code generation-2}, .... */
  public List<String> instances() {
    return services().stream().flatMap(s -> config.instances(s).stream()).toList();
  }

  /** Every component in start order. */
  public List<String> components() {
    List<String> all = new ArrayList<>(INFRASTRUCTURE);
    all.addAll(instances());
    all.add(GATEWAY);
    return all;
  }

  public int port(String component) {
    return config.port(component);
  }

  /**
   * An environment variable for every service this stack starts or restarts from now on, over the
   * stack's own (e.g. the end-to-end tests turn tracing on). The CLI needs none: services inherit
   * the environment of {@code deploy/monzie start}.
   */
  public void setServiceEnvironment(String name, String value) {
    extraEnvironment.put(name, value);
  }

  /**
   * An environment variable for one instance only ({@code generation-2}), over every other: e.g. a
   * scaled-out test makes one generation instance API-only ({@code
   * MONZIE_GENERATION_WORKER_ENABLED=false}) so it knows which instance ran a job.
   */
  public void setInstanceEnvironment(String instance, String name, String value) {
    launcher.setInstanceEnvironment(instance, name, value);
  }

  public void start() {
    try {
      Files.createDirectories(config.logs());
      Files.createDirectories(config.pids());
      secrets.ensure(progress);
      PortCheck ports = new PortCheck(config);
      ports.requireFree(
          ports.neededPorts(components(), c -> pid(c).isPresent() || devPid(c).isPresent()));
      Files.writeString(StackConfig.replicasFile(config.stateDir()), config.replicas() + "\n");
      // independent of each other: PostgreSQL and Kafka together, then the services and the
      // gateway together (they only need the database and the broker; JWKS is fetched when a
      // token first comes); the gateway needs none of them (it answers 503 until a service is up)
      InParallel.run(INFRASTRUCTURE, this::startComponent);
      // with training, further instances wait for the first, which makes the cache they share
      List<String> first = new ArrayList<>(trainStartupCaches ? services() : instances());
      first.add(GATEWAY);
      InParallel.run(first, this::startComponent);
      InParallel.run(
          instances().stream().filter(i -> !first.contains(i)).toList(), this::startComponent);
      DemoSeeding seeding = new DemoSeeding(config, progress);
      if (services().contains("catalog")) {
        seeding.once(
            "seeded",
            "the demo catalog",
            "scenes",
            () ->
                new DemoCatalog(http, config.apiUrl(), serviceRoleToken(Duration.ofMinutes(10)))
                    .load(config.repoRoot().resolve("deploy/catalog/demo-catalog.json")));
      }
      if (services().contains("profile")) {
        seeding.once(
            "plans-seeded",
            "the demo plans",
            "plans",
            () ->
                new DemoPlans(http, config.apiUrl(), serviceRoleToken(Duration.ofMinutes(10)))
                    .load(config.repoRoot().resolve("deploy/catalog/demo-plans.json")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts one component unless it runs, and waits until it is ready. One that runs but is not
   * ready yet is waited for; a stale pid file (the process died) is reported and replaced.
   */
  public void startComponent(String component) throws IOException {
    Optional<Long> dev = devPid(component);
    if (dev.isPresent()) { // `deploy/monzie dev` holds its port and puts it back when it ends
      progress.accept(component + " runs in dev mode (pid " + dev.get() + ")");
      return;
    }
    Optional<Long> running = pid(component);
    if (running.isPresent() && isReady(component)) {
      progress.accept(component + " already running");
      return;
    }
    if (running.isPresent()) {
      progress.accept(component + " is running (pid " + running.get() + "), waiting until ready");
      readiness.await(component, running.get(), logFile(component));
      return;
    }
    processes
        .removeStalePidFile(component)
        .ifPresent(
            stale ->
                progress.accept(component + " is not running (stale pid file: " + stale + ")"));
    if (trainStartupCaches && StackConfig.SERVICES.contains(component)) {
      training.trainIfStale(component, logFile(component));
    }
    Instant began = Instant.now();
    progress.accept("starting " + component + " ...");
    long pid = launcher.launch(component);
    processes.writePid(component, pid);
    if (component.equals(GATEWAY)) {
      Files.writeString(
          StackConfig.gatewayPortFile(config.stateDir()), config.gatewayPort() + "\n");
    }
    readiness.await(component, pid, logFile(component));
    progress.accept(
        String.format(
            "%-10s ... ready (%.1f s)",
            component, Duration.between(began, Instant.now()).toMillis() / 1000.0));
  }

  StartupCache startupCache(String service) {
    return launcher.startupCache(service);
  }

  /** The environment a service instance starts with. */
  Map<String, String> serviceEnvironment(String instance) {
    return launcher.serviceEnvironment(instance);
  }

  public boolean isReady(String component) {
    return readiness.isReady(component);
  }

  /** Where a component's log is: .monzie/logs/NAME.log, the broker's own under .monzie/kafka. */
  public Path logFile(String component) {
    return component.equals(KAFKA)
        ? config.stateDir().resolve("kafka/broker.log")
        : config.logs().resolve(component + ".log");
  }

  /**
   * Stops every component in reverse start order (a service in dev mode too); SIGKILL after 20 s.
   */
  public void stop() {
    stopComponent(GATEWAY, false);
    InParallel.run(StackConfig.SERVICES, this::stopDevMode);
    List<String> instances = new ArrayList<>();
    StackConfig.SERVICES.forEach(s -> instances.addAll(config.instances(s)));
    InParallel.run(instances, c -> stopComponent(c, false));
    InParallel.run(INFRASTRUCTURE, c -> stopComponent(c, false));
    processes
        .leftoverPostmaster()
        .ifPresent(
            postmaster -> {
              progress.accept(
                  "stopping a leftover PostgreSQL server (pid " + postmaster.pid() + ")");
              StackProcesses.terminate(postmaster, false);
            });
    try {
      Files.deleteIfExists(StackConfig.replicasFile(config.stateDir()));
    } catch (IOException ignored) {
      // the next start writes it again
    }
  }

  /**
   * Ends {@code deploy/monzie dev SERVICE} without putting the packaged service back: its marker
   * goes first, so the dev loop, seeing its process end, knows the stack is stopping.
   */
  void stopDevMode(String service) throws IOException {
    Optional<Long> dev = devPid(service);
    Files.deleteIfExists(processes.devMarker(service));
    if (dev.isPresent()) {
      progress.accept("stopping " + service + " dev mode (pid " + dev.get() + ")");
      ProcessHandle.of(dev.get()).ifPresent(StackProcesses::terminateTree);
    }
  }

  /** The pid of the service's {@code quarkus:dev} process while {@code deploy/monzie dev} runs. */
  public Optional<Long> devPid(String service) {
    return processes.devPid(service);
  }

  /** What {@code status} shows: stopped, ready, not ready, or dev (ready / starting). */
  public String state(String component) {
    if (devPid(component).isPresent()) {
      return isReady(component) ? "dev (ready)" : "dev (starting)";
    }
    return pid(component).isEmpty() ? "stopped" : isReady(component) ? "ready" : "not ready";
  }

  StackProcesses processes() {
    return processes;
  }

  Consumer<String> progress() {
    return progress;
  }

  /** Stops one component: SIGTERM (or SIGKILL when {@code kill}), then waits for it to go. */
  public void stopComponent(String component, boolean kill) {
    Optional<ProcessHandle> process = pid(component).flatMap(ProcessHandle::of);
    if (process.isPresent()) {
      ProcessHandle handle = process.get();
      Instant began = Instant.now();
      progress.accept(
          (kill ? "killing " : "stopping ") + component + " (pid " + handle.pid() + ")");
      StackProcesses.terminate(handle, kill);
      progress.accept(
          String.format(
              "%-10s ... stopped (%.1f s)",
              component, Duration.between(began, Instant.now()).toMillis() / 1000.0));
    }
    try {
      if (component.equals(GATEWAY)) {
        Files.deleteIfExists(StackConfig.gatewayPortFile(config.stateDir()));
      } else if (component.equals(POSTGRES)) {
        // its host removes it, unless it was killed
        Files.deleteIfExists(readiness.postgresReadyFile());
      }
      Files.deleteIfExists(processes.pidFile(component));
    } catch (IOException ignored) {
      // the pid file goes with the next start anyway
    }
  }

  /** The component's pid when its process runs (see {@link StackProcesses#pid}). */
  public Optional<Long> pid(String component) {
    return processes.pid(component);
  }

  public String serviceRoleToken(Duration ttl) {
    return secrets.token("service_role", DevSecrets.SERVICE_SUBJECT, ttl);
  }

  public String token(String role, String subject, Duration ttl) {
    return secrets.token(role, subject, ttl);
  }

  /** Development secrets, generated once into the state folder (never committed). */
  public Properties secrets() {
    return secrets.properties();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis); // polling a process we started for readiness, with a deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted");
    }
  }

  /** A failure to show the user as one line. */
  public static final class StackException extends RuntimeException {
    public StackException(String message) {
      super(message);
    }
  }
}
