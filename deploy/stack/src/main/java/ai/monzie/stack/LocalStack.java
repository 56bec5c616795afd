package ai.monzie.stack;

import ai.monzie.infra.DevKeys;
import ai.monzie.infra.KafkaBroker;
import ai.monzie.infra.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The local stack as processes: PostgreSQL host, Kafka broker, the services whose jars exist, and
 * the gateway, each in a session of its own with a pid file and a log under the state folder.
 */
public final class LocalStack {

  public static final String POSTGRES = "postgres";
  public static final String KAFKA = "kafka";
  public static final String GATEWAY = "gateway";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final Map<String, String> extraEnvironment =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final StackConfig config;
  private final Consumer<String> progress;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public LocalStack(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
  }

  public StackConfig config() {
    return config;
  }

  /** The services whose jars are built (every service that exists). */
  public List<String> services() {
    return StackConfig.SERVICES.stream().filter(s -> Files.exists(config.serviceJar(s))).toList();
  }

  /** Every component in start order. */
  public List<String> components() {
    List<String> all = new ArrayList<>(List.of(POSTGRES, KAFKA));
    all.addAll(services());
    all.add(GATEWAY);
    return all;
  }

  public int port(String component) {
    return switch (component) {
      case POSTGRES -> config.postgresPort();
      case KAFKA -> config.kafkaPort();
      case GATEWAY -> config.gatewayPort();
      default -> config.servicePorts().get(component);
    };
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
      if (!Files.exists(config.keys().resolve("jwt-private.pem"))) {
        progress.accept("generating development signing keys in " + config.keys());
      }
      DevKeys.loadOrCreate(config.keys()).writeJwks(config.keys().resolve("jwks.json"));
      secrets();
      checkPortsFree();
      // independent of each other: PostgreSQL and Kafka together, then the services together
      // (they only need the database and the broker; JWKS is fetched when a token first comes)
      inParallel(List.of(POSTGRES, KAFKA), this::startComponent);
      inParallel(services(), this::startComponent);
      startComponent(GATEWAY);
      if (!Files.exists(config.stateDir().resolve("seeded")) && services().contains("catalog")) {
        progress.accept("loading the demo catalog ...");
        int loaded =
            new DemoCatalog(http, config.apiUrl(), serviceRoleToken(Duration.ofMinutes(10)))
                .load(config.repoRoot().resolve("deploy/catalog/demo-catalog.json"));
        Files.writeString(config.stateDir().resolve("seeded"), Instant.now() + "\n");
        progress.accept("demo catalog loaded (" + loaded + " scenes)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ports this start needs (of the components not running yet), each with its owner. */
  Map<Integer, String> neededPorts() {
    Map<Integer, String> needed = new LinkedHashMap<>();
    for (String component : components()) {
      if (pid(component).isEmpty()) {
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

  /** Starts one component if it is not running, and waits until it is ready. */
  public void startComponent(String component) throws IOException {
    Optional<Long> running = pid(component);
    if (running.isPresent() && isReady(component)) {
      progress.accept(component + " already running");
      return;
    }
    Instant began = Instant.now();
    if (running.isPresent()) { // ours and alive, but it does not answer yet: still starting
      progress.accept(component + " is running (pid " + running.get() + "), waiting until ready");
      awaitReady(component, running.get());
      return;
    }
    Path pidFile = config.pids().resolve(component + ".pid");
    if (Files.exists(pidFile)) {
      // a pid file whose process died (SIGKILL leaves the file, and a zombie where nothing reaps)
      progress.accept(
          component + " is not running (stale pid file: " + Files.readString(pidFile).trim() + ")");
      Files.delete(pidFile);
    }
    progress.accept("starting " + component + " ...");
    long pid;
    switch (component) {
      case POSTGRES -> {
        Files.deleteIfExists(postgresReadyFile());
        pid =
            spawn(
                component,
                javaCommand(
                    PostgresHost.class,
                    "--data",
                    config.stateDir().resolve("postgres/data").toString(),
                    "--port",
                    String.valueOf(config.postgresPort()),
                    "--databases",
                    String.join(",", StackConfig.SERVICES),
                    "--ready-file",
                    postgresReadyFile().toString()),
                Map.of());
      }
      case KAFKA -> {
        // the broker's own process (setsid); KafkaBroker returns once it listens
        pid =
            KafkaBroker.at(
                    config.stateDir().resolve("kafka"),
                    config.kafkaPort(),
                    config.kafkaControllerPort())
                .startDetached();
        Files.writeString(config.pids().resolve(component + ".pid"), pid + "\n");
        int created = KafkaTopics.create(config.kafkaBootstrap());
        if (created > 0) {
          progress.accept("created " + created + " Kafka topics (with their .dlq)");
        }
      }
      case GATEWAY ->
          pid =
              spawn(
                  component,
                  javaCommand(
                      Gateway.class,
                      "--port",
                      String.valueOf(config.gatewayPort()),
                      "--routes",
                      config.repoRoot().resolve("deploy/routes.yaml").toString(),
                      "--ports",
                      portOverrides()),
                  Map.of());
      default ->
          pid =
              spawn(
                  component,
                  List.of(
                      java(),
                      "-Xms64m",
                      "-Xmx384m",
                      "-XX:+UseSerialGC",
                      "-jar",
                      config.serviceJar(component).toString()),
                  serviceEnvironment(component));
    }
    Files.writeString(config.pids().resolve(component + ".pid"), pid + "\n");
    if (component.equals(GATEWAY)) {
      Files.writeString(
          StackConfig.gatewayPortFile(config.stateDir()), config.gatewayPort() + "\n");
    }
    awaitReady(component, pid);
    progress.accept(
        String.format(
            "%-10s ... ready (%.1f s)",
            component, Duration.between(began, Instant.now()).toMillis() / 1000.0));
  }

  private String portOverrides() {
    StringBuilder sb = new StringBuilder();
    config
        .servicePorts()
        .forEach((s, p) -> sb.append(sb.isEmpty() ? "" : ",").append(s).append('=').append(p));
    return sb.toString();
  }

  private Map<String, String> serviceEnvironment(String service) {
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
    env.put("MONZIE_JWT_KEY_ID", DevKeys.loadOrCreate(config.keys()).keyId());
    env.put("MONZIE_REVENUECAT_WEBHOOK_SECRET", secrets.getProperty("revenuecat-webhook-secret"));
    env.put("MONZIE_FILES_SIGNING_KEY", secrets.getProperty("files-signing-key"));
    env.put("MONZIE_STORAGE_FILESYSTEM_ROOT", config.stateDir().resolve("files").toString());
    env.put("MONZIE_PUBLIC_BASE_URL", config.apiUrl());
    // readable log lines, also where a service's prod profile asks for JSON
    // (quarkus.log.console.json.enabled; the older quarkus.log.console.json is deprecated)
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.put("_PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.putAll(extraEnvironment);
    return env;
  }

  private List<String> javaCommand(Class<?> main, String... args) {
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

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private long spawn(String name, List<String> command, Map<String, String> env)
      throws IOException {
    List<String> detached = new ArrayList<>(command);
    detached.add(0, "setsid"); // its own session: it outlives this command and Ctrl-C here
    ProcessBuilder builder =
        new ProcessBuilder(detached)
            .directory(config.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(config.logs().resolve(name + ".log").toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    return builder.start().pid();
  }

  private void awaitReady(String component, long pid) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
        throw new StackException(component + " exited while starting; see " + logFile(component));
      }
      if (isReady(component)) {
        return;
      }
      sleep(250);
    }
    throw new StackException(
        component
            + " not ready after "
            + READY_TIMEOUT.toSeconds()
            + " s; see "
            + logFile(component));
  }

  public boolean isReady(String component) {
    return switch (component) {
      case POSTGRES ->
          Files.exists(postgresReadyFile()) && Ports.isOpen("127.0.0.1", port(component));
      case KAFKA -> Ports.isOpen("127.0.0.1", port(component));
      case GATEWAY -> httpOk("http://127.0.0.1:" + config.gatewayPort() + "/healthz");
      default -> httpOk("http://127.0.0.1:" + port(component) + "/q/health/ready");
    };
  }

  private Path postgresReadyFile() {
    return config.pids().resolve("postgres.ready");
  }

  /** Where a component's log is: .monzie/logs/NAME.log, the broker's own under .monzie/kafka. */
  public Path logFile(String component) {
    return component.equals(KAFKA)
        ? config.stateDir().resolve("kafka/broker.log")
        : config.logs().resolve(component + ".log");
  }

  private boolean httpOk(String url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops every component in reverse start order; SIGKILL after 20 s. */
  public void stop() {
    stopComponent(GATEWAY, false);
    inParallel(StackConfig.SERVICES, c -> stopComponent(c, false));
    inParallel(List.of(KAFKA, POSTGRES), c -> stopComponent(c, false));
    stopLeftoverPostmaster();
  }

  /** A step on one component that may fail. */
  interface ComponentStep {
    void run(String component) throws IOException;
  }

  /** Runs the step for every component at once; waits for all, then throws the first failure. */
  private static void inParallel(List<String> components, ComponentStep step) {
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
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
   * PostgreSQL's server runs as a daemon beside its host process: when the host died without its
   * shutdown hook (SIGKILL), the server is still there. Its postmaster.pid names it.
   */
  private void stopLeftoverPostmaster() {
    Path pidFile = config.stateDir().resolve("postgres/data/postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      Optional<ProcessHandle> postmaster =
          ProcessHandle.of(pid)
              .filter(ProcessHandle::isAlive)
              .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
      if (postmaster.isPresent()) {
        progress.accept("stopping a leftover PostgreSQL server (pid " + pid + ")");
        terminate(postmaster.get(), false);
      }
    } catch (IOException | RuntimeException e) {
      // no readable pid file: nothing left
    }
  }

  /** Stops one component: SIGTERM (or SIGKILL when {@code kill}), then waits for it to go. */
  public void stopComponent(String component, boolean kill) {
    Optional<ProcessHandle> process = pid(component).flatMap(ProcessHandle::of);
    if (process.isPresent()) {
      ProcessHandle handle = process.get();
      Instant began = Instant.now();
      progress.accept(
          (kill ? "killing " : "stopping ") + component + " (pid " + handle.pid() + ")");
      terminate(handle, kill);
      progress.accept(
          String.format(
              "%-10s ... stopped (%.1f s)",
              component, Duration.between(began, Instant.now()).toMillis() / 1000.0));
    }
    try {
      if (component.equals(GATEWAY)) {
        Files.deleteIfExists(StackConfig.gatewayPortFile(config.stateDir()));
      } else if (component.equals(POSTGRES)) {
        Files.deleteIfExists(postgresReadyFile()); // its host removes it, unless it was killed
      }
      Files.deleteIfExists(config.pids().resolve(component + ".pid"));
    } catch (IOException ignored) {
      // the pid file goes with the next start anyway
    }
  }

  /** SIGTERM (or SIGKILL), then waits; SIGKILL when it is still there after 20 s. */
  private static void terminate(ProcessHandle handle, boolean kill) {
    if (kill) {
      handle.destroyForcibly();
    } else {
      handle.destroy();
    }
    try {
      handle.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException
        | java.util.concurrent.ExecutionException
        | InterruptedException timeout) {
      handle.destroyForcibly();
      handle.onExit().join();
    }
  }

  /**
   * The component's pid when its pid file names a live process that is this component: not a zombie
   * (a SIGKILLed process nobody reaped is "alive" to the kernel), and with the component's command
   * line (a pid reused by another program is not ours).
   */
  public Optional<Long> pid(String component) {
    Path file = config.pids().resolve(component + ".pid");
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

  /** Whether the process runs this component: its command line names what it was started with. */
  private boolean isOurs(String component, ProcessHandle process) {
    String commandLine = commandLine(process);
    List<String> signature =
        switch (component) {
          case POSTGRES ->
              List.of(
                  PostgresHost.class.getName(),
                  config.stateDir().resolve("postgres/data").toString());
          case KAFKA -> List.of("kafka.Kafka", config.stateDir().resolve("kafka").toString());
          case GATEWAY ->
              List.of(
                  Gateway.class.getName(),
                  config.repoRoot().resolve("deploy/routes.yaml").toString());
          default -> List.of(config.serviceJar(component).toString());
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
      return new String(raw, java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
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

  public String serviceRoleToken(Duration ttl) {
    return DevKeys.loadOrCreate(config.keys())
        .mint("service_role", "00000000-0000-0000-0000-000000000000", null, ttl);
  }

  public String token(String role, String subject, Duration ttl) {
    return DevKeys.loadOrCreate(config.keys()).mint(role, subject, null, ttl);
  }

  /** Development secrets, generated once into the state folder (never committed). */
  public Properties secrets() {
    Path file = config.stateDir().resolve("secrets.properties");
    Properties props = new Properties();
    try {
      if (Files.exists(file)) {
        try (var in = Files.newInputStream(file)) {
          props.load(in);
        }
        return props;
      }
      Files.createDirectories(config.stateDir());
      props.setProperty("revenuecat-webhook-secret", "rc_dev_" + random());
      props.setProperty("files-signing-key", random());
      try (var out = Files.newOutputStream(file)) {
        props.store(out, "local development secrets, generated at first start");
      }
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
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
