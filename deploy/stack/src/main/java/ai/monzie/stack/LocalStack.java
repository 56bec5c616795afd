package ai.monzie.stack;

import ai.monzie.infra.KafkaBroker;
import ai.monzie.infra.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The local stack: PostgreSQL host, Kafka broker, the services whose jars exist, and the gateway,
 * started in that order and stopped the other way. This class is the order and what each component
 * is started with; {@link StackProcesses} supervises the processes, {@link Readiness} says when
 * each is ready, {@link DevSecrets} holds the keys and secrets, {@link CatalogSeeding} loads the
 * demo catalog once.
 */
public final class LocalStack {

  public static final String POSTGRES = "postgres";
  public static final String KAFKA = "kafka";
  public static final String GATEWAY = "gateway";
  public static final String PUSH_SINK = "push-sink";
  public static final String MAIL = MailCatcher.COMPONENT;

  /** How long a training run may take to write its cache after SIGTERM. */
  static final Duration TRAINING_EXIT_TIMEOUT = Duration.ofMinutes(3);

  private final Map<String, String> extraEnvironment = new ConcurrentHashMap<>();
  private final StackConfig config;
  private final Consumer<String> progress;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final StackProcesses processes;
  private final Readiness readiness;
  private final DevSecrets secrets;
  private volatile boolean trainStartupCaches;

  public LocalStack(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
    this.processes = new StackProcesses(config);
    this.readiness = new Readiness(config, http);
    this.secrets = new DevSecrets(config);
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

  /** Every component in start order. */
  public List<String> components() {
    List<String> all = new ArrayList<>(List.of(POSTGRES, KAFKA, PUSH_SINK, MAIL));
    all.addAll(services());
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

  public void start() {
    try {
      Files.createDirectories(config.logs());
      Files.createDirectories(config.pids());
      secrets.ensure(progress);
      checkPortsFree();
      // independent of each other: PostgreSQL and Kafka together, then the services and the
      // gateway together (they only need the database and the broker; JWKS is fetched when a
      // token first comes)
      inParallel(List.of(POSTGRES, KAFKA, PUSH_SINK, MAIL), this::startComponent);
      // the gateway needs none of them to start (it answers 502 until a service is up)
      List<String> rest = new ArrayList<>(services());
      rest.add(GATEWAY);
      inParallel(rest, this::startComponent);
      if (services().contains("catalog")) {
        new CatalogSeeding(config, http, progress)
            .loadOnce(serviceRoleToken(Duration.ofMinutes(10)));
      }
      if (services().contains("profile")) {
        new PlanSeeding(config, http, progress).loadOnce(serviceRoleToken(Duration.ofMinutes(10)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ports this start needs (of the components not running yet), each with its owner. */
  Map<Integer, String> neededPorts() {
    Map<Integer, String> needed = new LinkedHashMap<>();
    for (String component : components()) {
      if (pid(component).isEmpty() && devPid(component).isEmpty()) {
        needed.put(port(component), component);
        if (component.equals(KAFKA)) {
          needed.put(config.kafkaControllerPort(), "kafka controller");
        }
      }
    }
    return needed;
  }

  /** Fails, before anything starts, naming every port in use and what listens there. */
  void checkPortsFree() {
    List<String> taken = new ArrayList<>();
    neededPorts()
        .forEach(
            (port, component) -> {
              if (Ports.isOpen("127.0.0.1", port)) {
                String owner = PortOwners.describe(port).orElse("another program");
                String hint =
                    owner.contains(config.stateDir().toString())
                            || owner.contains(config.repoRoot().toString())
                        ? " — a leftover of an earlier local stack: deploy/monzie stop"
                        : component.equals(GATEWAY)
                            ? " — stop it, or choose another port: deploy/monzie start --port N"
                            : " — stop it first";
                taken.add(
                    "port " + port + " (" + component + ") is already in use by " + owner + hint);
              }
            });
    if (!taken.isEmpty()) {
      throw new StackException(String.join("\n       ", taken));
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
    Instant began = Instant.now();
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
      StartupCache cache = startupCache(component);
      if (!cache.current()) {
        train(component, cache);
        began = Instant.now();
      }
    }
    progress.accept("starting " + component + " ...");
    long pid = launch(component);
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

  /** Starts the component's process: what it runs, with which arguments and environment. */
  private long launch(String component) throws IOException {
    return switch (component) {
      case POSTGRES -> {
        Files.deleteIfExists(readiness.postgresReadyFile());
        yield processes.spawn(
            component,
            processes.javaCommand(
                PostgresHost.class,
                "--data",
                config.stateDir().resolve("postgres/data").toString(),
                "--port",
                String.valueOf(config.postgresPort()),
                "--databases",
                String.join(",", StackConfig.SERVICES),
                "--ready-file",
                readiness.postgresReadyFile().toString()),
            Map.of());
      }
      case KAFKA -> {
        // the broker's own process (setsid); KafkaBroker returns once it listens
        long pid =
            KafkaBroker.at(
                    config.stateDir().resolve("kafka"),
                    config.kafkaPort(),
                    config.kafkaControllerPort())
                .startDetached();
        processes.writePid(component, pid);
        int created = KafkaTopics.create(config.kafkaBootstrap());
        if (created > 0) {
          progress.accept("created " + created + " Kafka topics (with their .dlq)");
        }
        yield pid;
      }
      case PUSH_SINK ->
          processes.spawn(
              component,
              processes.javaCommand(
                  PushSink.class,
                  "--port=" + port(PUSH_SINK),
                  "--records=" + PushSink.recordsFile(config.stateDir())),
              Map.of());
      case MAIL ->
          processes.spawn(
              component,
              processes.javaCommand(
                  MailCatcher.class,
                  "--port",
                  String.valueOf(config.mailPort()),
                  "--dir",
                  MailCatcher.mailDir(config).toString()),
              Map.of());
      case GATEWAY ->
          processes.spawn(
              component,
              processes.javaCommand(
                  Gateway.class,
                  "--port",
                  String.valueOf(config.gatewayPort()),
                  "--routes",
                  config.repoRoot().resolve("deploy/routes.yaml").toString(),
                  "--ports",
                  portOverrides()),
              Map.of());
      default -> {
        StartupCache cache = startupCache(component);
        List<String> command = new ArrayList<>(List.of(StackProcesses.java()));
        command.addAll(cache.jvmOptions());
        if (cache.current()) {
          command.addAll(cache.useOptions());
        }
        command.addAll(List.of("-jar", config.serviceJar(component).toString()));
        yield processes.spawn(component, command, serviceEnvironment(component));
      }
    };
  }

  StartupCache startupCache(String service) {
    return new StartupCache(config.serviceJar(service));
  }

  /**
   * Makes the service's start-up cache with one training run, once per build and Java: started with
   * the training option, a few read requests, then SIGTERM; the JVM writes the cache as it exits
   * (Java 25 assembles it in a JVM it forks, which takes seconds). Without a cache afterwards the
   * service still starts, only slower, and the line says where to look.
   */
  private void train(String service, StartupCache cache) throws IOException {
    Instant began = Instant.now();
    progress.accept("training " + service + "'s " + cache.kind() + " (once per build) ...");
    cache.discard();
    List<String> command = new ArrayList<>(List.of(StackProcesses.java()));
    command.addAll(cache.jvmOptions());
    command.addAll(cache.trainOptions());
    command.addAll(List.of("-jar", config.serviceJar(service).toString()));
    long pid = processes.spawn(service, command, serviceEnvironment(service));
    processes.writePid(service, pid); // `deploy/monzie stop` finds it should this command end
    readiness.await(service, pid, logFile(service));
    String token =
        service.equals("analytics")
            ? serviceRoleToken(Duration.ofMinutes(5))
            : token("authenticated", java.util.UUID.randomUUID().toString(), Duration.ofMinutes(5));
    for (String path : StartupCache.TRAINING_PATHS.getOrDefault(service, List.of())) {
      readiness.get(config.serviceUrl(service) + path, token);
    }
    ProcessHandle.of(pid).ifPresent(p -> StackProcesses.awaitExit(p, TRAINING_EXIT_TIMEOUT));
    Files.deleteIfExists(processes.pidFile(service));
    if (Files.exists(cache.file())) {
      cache.markMade();
      progress.accept(
          String.format(
              "%-10s ... %s made (%.1f s)",
              service, cache.kind(), Duration.between(began, Instant.now()).toMillis() / 1000.0));
    } else {
      progress.accept(service + ": no " + cache.kind() + " was written; see " + logFile(service));
    }
  }

  private String portOverrides() {
    StringBuilder sb = new StringBuilder();
    config
        .servicePorts()
        .forEach((s, p) -> sb.append(sb.isEmpty() ? "" : ",").append(s).append('=').append(p));
    return sb.toString();
  }

  Map<String, String> serviceEnvironment(String service) {
    Properties secrets = secrets();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(config.servicePorts().get(service)));
    // only the gateway is reachable from other machines; a service, with its /q endpoints, is not
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", config.databaseUrl(service));
    env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + config.databaseUrl(service));
    env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
    env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
    // tokens are verified against the profile service's JWKS when it exists (it signs with the
    // same development key), else against the key file itself
    env.put(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        services().contains("profile")
            ? "http://127.0.0.1:" + config.servicePorts().get("profile") + "/.well-known/jwks.json"
            : config.keys().resolve("jwks.json").toUri().toString());
    env.put("MONZIE_JWT_SIGNING_KEY_LOCATION", config.keys().resolve("jwt-private.pem").toString());
    env.put("MONZIE_JWT_KEY_ID", this.secrets.keys().keyId());
    env.put("MONZIE_REVENUECAT_WEBHOOK_SECRET", secrets.getProperty("revenuecat-webhook-secret"));
    env.put("MONZIE_ADAPTY_WEBHOOK_SECRET", secrets.getProperty("adapty-webhook-secret"));
    env.put("MONZIE_FILES_SIGNING_KEY", secrets.getProperty("files-signing-key"));
    // profile's export download links (their signed text is domain-separated from file links)
    env.put("MONZIE_EXPORT_SIGNING_KEY", secrets.getProperty("files-signing-key"));
    env.put("MONZIE_STORAGE_FILESYSTEM_ROOT", config.stateDir().resolve("files").toString());
    env.put("MONZIE_PUBLIC_BASE_URL", config.apiUrl());
    // pushes go to the stack's sink (deploy/monzie push), never to Expo
    env.put("MONZIE_PUSH_EXPO_URL", PushSink.expoUrl(config.stateDir()));
    // readable log lines, also where a service's prod profile asks for JSON
    // (quarkus.log.console.json.enabled; the older quarkus.log.console.json is deprecated)
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.put("_PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.putAll(MailCatcher.serviceEnvironment(config));
    // every MONZIE_* of deploy/monzie's own environment, over the stack's defaults (e.g.
    // MONZIE_AUTH_APPLE_CLIENT_IDS, MONZIE_AUTH_APPLE_JWKS_URL turn Sign in with Apple on)
    env.putAll(operatorVariables(System.getenv()));
    env.putAll(extraEnvironment);
    return env;
  }

  /** The {@code MONZIE_*} variables of an environment (what the operator sets for the services). */
  static Map<String, String> operatorVariables(Map<String, String> environment) {
    Map<String, String> monzie = new java.util.TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("MONZIE_")) {
            monzie.put(name, value);
          }
        });
    return monzie;
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
    inParallel(StackConfig.SERVICES, this::stopDevMode);
    inParallel(StackConfig.SERVICES, c -> stopComponent(c, false));
    inParallel(List.of(KAFKA, POSTGRES, PUSH_SINK, MAIL), c -> stopComponent(c, false));
    processes
        .leftoverPostmaster()
        .ifPresent(
            postmaster -> {
              progress.accept(
                  "stopping a leftover PostgreSQL server (pid " + postmaster.pid() + ")");
              StackProcesses.terminate(postmaster, false);
            });
  }

  /** A step on one component that may fail. */
  interface ComponentStep {
    void run(String component) throws IOException;
  }

  /** Runs the step for every component at once; waits for all, then throws the first failure. */
  private static void inParallel(List<String> components, ComponentStep step) {
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
    for (String component : components) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  step.run(component);
                } catch (IOException e) {
                  failures.add(new UncheckedIOException(e));
                } catch (RuntimeException e) {
                  failures.add(e);
                }
              },
              "stack-" + component);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StackException("interrupted");
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
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
