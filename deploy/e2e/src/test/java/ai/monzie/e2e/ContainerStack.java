package ai.monzie.e2e;

import ai.monzie.infra.DevKeys;
import ai.monzie.infra.Ports;
import ai.monzie.infra.PostgresServer;
import ai.monzie.stack.DemoCatalog;
import ai.monzie.stack.DemoPlans;
import ai.monzie.stack.Gateway;
import ai.monzie.stack.GatewayOptions;
import ai.monzie.stack.KafkaTopics;
import ai.monzie.stack.RouteTable;
import ai.monzie.stack.StackConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.RestartPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The shipped images as containers on one network: {@code monzie/postgres:16}, {@code
 * monzie/kafka}, and the four service images exactly as {@code deploy/images/build.sh} made them
 * (their own entrypoint and user 185, a read-only root filesystem with a {@code /tmp} tmpfs, the
 * chart's memory limit, restarted by the engine when they die), with the gateway of {@code
 * deploy/stack} in front of them on the host. Built by {@code deploy/containers/images.sh}; started
 * once per test JVM, removed by a shutdown hook (Ryuk is off: its image cannot be fetched).
 */
final class ContainerStack implements Deployment {

  static final String TAG = System.getProperty("monzie.image.tag", "1.0.0-SNAPSHOT");
  static final String POSTGRES_IMAGE = "monzie/postgres:16";
  static final String KAFKA_IMAGE =
      "monzie/kafka:" + org.apache.kafka.common.utils.AppInfoParser.getVersion();

  /**
   * Each service's memory limit, as the chart's {@code resources.limits.memory}: the kubelet kills
   * at the limit, not the request. (384 MiB for all four was the chart's request; generation, whose
   * CPU model renders in-process, was OOM-killed there on Java 25 after its restart mid-burst.)
   */
  static long memoryLimit(String service) {
    try {
      JsonNode values =
          new ObjectMapper(new YAMLFactory())
              .readTree(
                  StackConfig.findRepoRoot().resolve("deploy/helm/monzie/values.yaml").toFile());
      String quantity =
          values
              .path("services")
              .path(service)
              .path("resources")
              .path("limits")
              .path("memory")
              .asText();
      var m = java.util.regex.Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
      if (!m.matches()) {
        throw new IllegalStateException(service + ": chart memory limit '" + quantity + "'");
      }
      return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1L << 30 : 1L << 20);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String TRUSTED_PROXIES =
      "127.0.0.0/8,::1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"; // the chart's default
  private static final String KEY_DIR = "/var/run/secrets/monzie/jwt";
  private static final String FILES_DIR = "/var/lib/monzie/files";

  private static ContainerStack instance;

  private final Path work;
  private final Network network = Network.newNetwork();
  private final DevKeys keys;
  private final String revenueCatSecret = "rc_e2e_" + random();
  private final String filesSigningKey = random();
  private final int postgresPort = Ports.free();
  private final int kafkaPort = Ports.free();
  private final int gatewayPort = Ports.free();
  private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
  private final Map<String, GenericContainer<?>> containers = new ConcurrentHashMap<>();
  private final Map<String, Duration> startTimes = new ConcurrentHashMap<>();
  private Gateway gateway;

  private ContainerStack(Path work) {
    this.work = work;
    this.keys = DevKeys.loadOrCreate(work.resolve("keys"));
    for (String service : StackConfig.SERVICES) {
      servicePorts.put(service, Ports.free());
    }
  }

  /** Why the container journey cannot run here, or empty when it can. */
  static Optional<String> unavailable() {
    if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      return Optional.of(
          "TESTCONTAINERS_RYUK_DISABLED=true is not set (the build's failsafe sets it)");
    }
    if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
      return Optional.of(
          "no container engine (neither DOCKER_HOST nor /var/run/docker.sock):"
              + " eval \"export $(deploy/containers/engine.sh)\"");
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return Optional.of(
          "the container engine at " + System.getenv("DOCKER_HOST") + " does not answer");
    }
    List<String> missing = new ArrayList<>();
    for (String image : images()) {
      try {
        client().inspectImageCmd(image).exec();
      } catch (NotFoundException e) {
        missing.add(image);
      }
    }
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("images not built: " + missing + " — run deploy/containers/images.sh");
  }

  static synchronized ContainerStack get() {
    if (instance == null) {
      try {
        Path work = StackConfig.findRepoRoot().resolve("deploy/e2e/target/containers");
        deleteTree(work);
        Files.createDirectories(work.resolve("logs"));
        ContainerStack stack = new ContainerStack(work);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "e2e-containers-stop"));
        stack.start();
        instance = stack;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  private static List<String> images() {
    List<String> images = new ArrayList<>(List.of(POSTGRES_IMAGE, KAFKA_IMAGE));
    StackConfig.SERVICES.forEach(s -> images.add(serviceImage(s)));
    return images;
  }

  static String serviceImage(String service) {
    return "monzie/" + service + "-service:" + TAG;
  }

  private void start() throws IOException {
    // the key files are read by user 185 in the profile container (the chart mounts a Secret)
    for (Path file : List.of(work.resolve("keys"), work.resolve("keys/jwt-private.pem"))) {
      Files.setPosixFilePermissions(
          file,
          java.nio.file.attribute.PosixFilePermissions.fromString(
              Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
    }
    Path files = Files.createDirectories(work.resolve("files"));
    Files.setPosixFilePermissions(
        files, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

    inParallel(List.of("postgres", "kafka"), this::startInfra);
    PostgresServer pg =
        PostgresServer.external(
            URI.create("postgresql://postgres:postgres@127.0.0.1:" + postgresPort));
    StackConfig.SERVICES.forEach(pg::createDatabase);
    KafkaTopics.create("127.0.0.1:" + kafkaPort);
    inParallel(StackConfig.SERVICES, this::startService);

    StringBuilder ports = new StringBuilder();
    servicePorts.forEach(
        (s, p) -> ports.append(ports.isEmpty() ? "" : ",").append(s).append('=').append(p));
    gateway =
        Gateway.start(
            gatewayPort,
            RouteTable.load(StackConfig.findRepoRoot().resolve("deploy/routes.yaml"))
                .withPorts(ports.toString()),
            "127.0.0.1",
            GatewayOptions.defaults());
    new DemoCatalog(Http.CLIENT, apiUrl(), serviceRoleToken())
        .load(StackConfig.findRepoRoot().resolve("deploy/catalog/demo-catalog.json"));
    // the plans a purchase names (deploy/monzie start seeds them too): without them a RevenueCat
    // purchase is recorded and grants nothing
    new DemoPlans(Http.CLIENT, apiUrl(), serviceRoleToken())
        .load(StackConfig.findRepoRoot().resolve("deploy/catalog/demo-plans.json"));
    System.out.println("[containers] ready: " + startTimes());
  }

  private void startInfra(String name) {
    GenericContainer<?> container =
        name.equals("postgres")
            ? new GenericContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
                .withEnv("POSTGRES_PASSWORD", "postgres")
                .withCommand("-c", "max_connections=400", "-c", "shared_buffers=128MB")
                .waitingFor(
                    Wait.forLogMessage(".*database system is ready to accept connections.*", 1)
                        .withStartupTimeout(Duration.ofSeconds(90)))
            : new GenericContainer<>(DockerImageName.parse(KAFKA_IMAGE))
                // other containers use kafka:19092, the test JVM the published port
                .withEnv("KAFKA_LISTENERS", "INTERNAL://:19092,EXTERNAL://:9092")
                .withEnv(
                    "KAFKA_ADVERTISED_LISTENERS",
                    "INTERNAL://kafka:19092,EXTERNAL://127.0.0.1:" + kafkaPort)
                .withEnv(
                    "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL")
                .waitingFor(
                    Wait.forLogMessage(".*Kafka Server started.*", 1)
                        .withStartupTimeout(Duration.ofSeconds(120)));
    container.setPortBindings(
        List.of((name.equals("postgres") ? postgresPort + ":5432" : kafkaPort + ":9092")));
    start(name, container.withNetwork(network).withNetworkAliases(name));
  }

  private void startService(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        "QUARKUS_HTTP_PORT", "8080"); // as the chart's ConfigMap: the image's port, for all four
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://postgres:5432/" + service);
    env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + service);
    env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
    env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092");
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "http://profile:8080/.well-known/jwks.json");
    env.put("MONZIE_HTTP_TRUSTED_PROXIES", TRUSTED_PROXIES);
    env.put("MONZIE_PUBLIC_BASE_URL", apiUrl());
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    // four JVMs start at once on a shared 2-core machine: Flyway's first connection took longer
    // than the 5 s default there, and every start failed the same way
    env.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "60S");
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(serviceImage(service)))
            .withNetwork(network)
            .withNetworkAliases(service)
            .withExposedPorts(8080)
            .withEnv(env)
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withMemory(memoryLimit(service))
                        .withReadonlyRootfs(true)
                        .withTmpFs(Map.of("/tmp", "rw,size=512m"))
                        // a process that dies (OOM, SIGKILL) is started again, as a kubelet would
                        .withRestartPolicy(RestartPolicy.alwaysRestart()))
            // started here; ready is awaited on the published port below (Testcontainers' own
            // HTTP wait would dial the engine's idea of the host, which a custom network can hide)
            .waitingFor(
                Wait.forLogMessage(".*started in .*Listening on.*", 1)
                    .withStartupTimeout(Duration.ofSeconds(420)));
    container.setPortBindings(List.of(servicePorts.get(service) + ":8080"));
    // ONE object store for every service, as the chart mounts it (a data export's parts are
    // written by all four and read by profile)
    container
        .withEnv("MONZIE_STORAGE_FILESYSTEM_ROOT", FILES_DIR)
        .withFileSystemBind(work.resolve("files").toString(), FILES_DIR, BindMode.READ_WRITE);
    switch (service) {
      case "profile" -> {
        container
            .withEnv("MONZIE_JWT_SIGNING_KEY_LOCATION", KEY_DIR + "/jwt-private.pem")
            .withEnv("MONZIE_JWT_KEY_ID", keys.keyId())
            .withEnv("MONZIE_REVENUECAT_WEBHOOK_SECRET", revenueCatSecret)
            .withEnv("MONZIE_EXPORT_SIGNING_KEY", filesSigningKey)
            .withFileSystemBind(work.resolve("keys").toString(), KEY_DIR, BindMode.READ_ONLY);
      }
      case "generation" -> {
        container.withEnv("MONZIE_FILES_SIGNING_KEY", filesSigningKey);
      }
      default -> {}
    }
    long t0 = System.nanoTime();
    start(service, container);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!ready(service)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(service + " started but not ready after 120 s");
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    startTimes.put(service, Duration.ofNanos(System.nanoTime() - t0)); // start to ready
  }

  private void start(String name, GenericContainer<?> container) {
    Path log = work.resolve("logs/" + name + ".log");
    container.withLabel("ai.monzie.test", "e2e-containers");
    container.withLogConsumer(
        frame -> {
          if (frame.getBytes() == null) {
            return; // the end-of-stream frame
          }
          try {
            Files.write(
                log, frame.getBytes(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          } catch (IOException ignored) {
            // a log line lost; the test's assertions do not depend on it
          }
        });
    containers.put(name, container);
    long t0 = System.nanoTime();
    try {
      container.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(name + " container did not start, see " + log, e);
    }
    startTimes.put(name, Duration.ofNanos(System.nanoTime() - t0));
  }

  /** Container start-to-ready times, for the report. */
  Map<String, String> startTimes() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name :
        List.of("postgres", "kafka", "profile", "catalog", "generation", "analytics")) {
      Duration d = startTimes.get(name);
      if (d != null) {
        out.put(name, String.format("%.1f s", d.toMillis() / 1000.0));
      }
    }
    return out;
  }

  /** What the container wrote to stdout and stderr so far. */
  String log(String name) {
    try {
      return Files.readString(work.resolve("logs/" + name + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  GenericContainer<?> container(String name) {
    return containers.get(name);
  }

  InspectContainerResponse inspect(String name) {
    return client().inspectContainerCmd(containers.get(name).getContainerId()).exec();
  }

  /**
   * SIGKILLs the container's main process from the host, as the kernel's OOM killer would: the
   * engine sees it die and restarts it (an engine's own {@code kill} counts as a deliberate stop,
   * which a restart policy leaves alone). Returns the process id killed.
   */
  long killMainProcess(String name) {
    long pid = inspect(name).getState().getPidLong();
    ProcessHandle process =
        ProcessHandle.of(pid)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "pid "
                            + pid
                            + " of "
                            + name
                            + " is not visible: the engine runs elsewhere"));
    process.destroyForcibly();
    return pid;
  }

  /** Whether the service answers ready on its published port. */
  boolean ready(String service) {
    try {
      HttpResponse<Void> r =
          Http.CLIENT.send(
              HttpRequest.newBuilder(URI.create(serviceUrl(service) + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String apiUrl() {
    return "http://127.0.0.1:" + gatewayPort;
  }

  @Override
  public String serviceUrl(String service) {
    return "http://127.0.0.1:" + servicePorts.get(service);
  }

  @Override
  public String token(String role, String subject, Duration ttl) {
    return keys.mint(role, subject, null, ttl);
  }

  @Override
  public String revenueCatSecret() {
    return revenueCatSecret;
  }

  @Override
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
  }

  private void stop() {
    if (gateway != null) {
      gateway.close();
    }
    // services first (they hold connections to the other two), then the infrastructure
    inParallel(StackConfig.SERVICES, this::stopQuietly);
    inParallel(List.of("kafka", "postgres"), this::stopQuietly);
    network.close();
  }

  private void stopQuietly(String name) {
    GenericContainer<?> c = containers.get(name);
    if (c != null) {
      try {
        c.stop();
      } catch (RuntimeException ignored) {
        // already gone
      }
    }
  }

  private static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  private static void inParallel(List<String> names, java.util.function.Consumer<String> action) {
    CompletableFuture.allOf(
            names.stream()
                .map(n -> CompletableFuture.runAsync(() -> action.accept(n)))
                .toArray(CompletableFuture[]::new))
        .join();
  }

  private static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
