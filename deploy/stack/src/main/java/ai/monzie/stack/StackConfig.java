package ai.monzie.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack lives and which ports it takes. {@code deploy/monzie} uses the defaults;
 * the end-to-end tests make one with free ports and a temporary state folder.
 *
 * <p>{@code servicePorts} are the ports of each service's first instance (named as the service);
 * {@code instancePorts} those of the further instances of a scaled-out stack ({@code generation-2},
 * ...), empty with one replica.
 */
public record StackConfig(
    Path repoRoot,
    Path stateDir,
    int gatewayPort,
    int postgresPort,
    int kafkaPort,
    int kafkaControllerPort,
    Map<String, Integer> servicePorts,
    Map<String, Integer> instancePorts) {

  /** The services in start order (profile first: the others verify its tokens). */
  public static final List<String> SERVICES =
      List.of("profile", "catalog", "generation", "analytics");

  /** How far apart the default ports of a service's instances are (8083, 8183, ...). */
  static final int INSTANCE_PORT_STEP = 100;

  /** One instance of each service. */
  public StackConfig(
      Path repoRoot,
      Path stateDir,
      int gatewayPort,
      int postgresPort,
      int kafkaPort,
      int kafkaControllerPort,
      Map<String, Integer> servicePorts) {
    this(
        repoRoot,
        stateDir,
        gatewayPort,
        postgresPort,
        kafkaPort,
        kafkaControllerPort,
        servicePorts,
        Map.of());
  }

  public StackConfig {
    servicePorts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servicePorts));
    instancePorts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(instancePorts));
  }

  /**
   * The same stack with {@code replicas} instances of every service, instance n of a service on the
   * port {@code portFor} gives it (e.g. a free port, or the service's port plus a step).
   */
  public StackConfig withReplicas(int replicas, java.util.function.ToIntFunction<String> portFor) {
    if (replicas < 1 || replicas > 9) {
      throw new IllegalArgumentException("--replicas takes 1 to 9, not " + replicas);
    }
    Map<String, Integer> more = new LinkedHashMap<>();
    for (String service : servicePorts.keySet()) {
      for (int n = 2; n <= replicas; n++) {
        more.put(instanceName(service, n), portFor.applyAsInt(instanceName(service, n)));
      }
    }
    return new StackConfig(
        repoRoot,
        stateDir,
        gatewayPort,
        postgresPort,
        kafkaPort,
        kafkaControllerPort,
        servicePorts,
        more);
  }

  /** Instances per service (1 unless scaled out). */
  public int replicas() {
    return servicePorts.keySet().stream().mapToInt(s -> instances(s).size()).max().orElse(1);
  }

  /** The service's instances in order: the service itself, then {@code SERVICE-2}, .... */
  public List<String> instances(String service) {
    List<String> all = new java.util.ArrayList<>(List.of(service));
    for (int n = 2; instancePorts.containsKey(instanceName(service, n)); n++) {
      all.add(instanceName(service, n));
    }
    return all;
  }

  /** Instance n (from 1) of a service: {@code generation}, {@code generation-2}, .... */
  public static String instanceName(String service, int n) {
    return n == 1 ? service : service + "-" + n;
  }

  /** The service an instance belongs to ({@code generation-2} → {@code generation}). */
  public static String serviceOf(String instance) {
    int dash = instance.lastIndexOf('-');
    return dash > 0 && instance.substring(dash + 1).matches("[2-9]")
        ? instance.substring(0, dash)
        : instance;
  }

  public static StackConfig defaults(Path repoRoot) {
    return defaults(repoRoot, null);
  }

  /**
   * The gateway port: the one a running gateway took, else {@code --port}, else {@code
   * MONZIE_PORT}, else 8080.
   */
  public static StackConfig defaults(Path repoRoot, Integer portOption) {
    return defaults(repoRoot, portOption, System.getenv());
  }

  /**
   * As {@link #defaults(Path, Integer)}, with two overrides from {@code env} so a second stack can
   * run beside the usual one (the start-up bench): {@code MONZIE_STATE_DIR} (instead of .monzie)
   * and {@code MONZIE_PORT_OFFSET} (added to every fixed port: PostgreSQL, Kafka, the services and
   * the default gateway port).
   */
  static StackConfig defaults(Path repoRoot, Integer portOption, Map<String, String> env) {
    return defaults(repoRoot, portOption, null, env);
  }

  /**
   * As above, with {@code --replicas N}: instance n of a service on its port plus {@code (n - 1) ×
   * 100} (generation 8083, 8183). Without the option, as many as the running stack has.
   */
  public static StackConfig defaults(Path repoRoot, Integer portOption, Integer replicasOption) {
    return defaults(repoRoot, portOption, replicasOption, System.getenv());
  }

  static StackConfig defaults(
      Path repoRoot, Integer portOption, Integer replicasOption, Map<String, String> env) {
    RouteTable routes = RouteTable.load(repoRoot.resolve("deploy/routes.yaml"));
    Path stateDir = repoRoot.resolve(env.getOrDefault("MONZIE_STATE_DIR", ".monzie"));
    int offset = Integer.parseInt(env.getOrDefault("MONZIE_PORT_OFFSET", "0"));
    int gateway =
        runningGatewayPort(stateDir)
            .orElse(
                portOption != null
                    ? portOption
                    : Integer.parseInt(env.getOrDefault("MONZIE_PORT", "8080")) + offset);
    Map<String, Integer> servicePorts = new LinkedHashMap<>();
    routes.servicePorts().forEach((service, port) -> servicePorts.put(service, port + offset));
    StackConfig one =
        new StackConfig(
            repoRoot,
            stateDir,
            gateway,
            54322 + offset,
            9092 + offset,
            9093 + offset,
            servicePorts);
    int replicas = replicasOption != null ? replicasOption : runningReplicas(stateDir).orElse(1);
    return one.withReplicas(
        replicas,
        instance -> {
          int n = Integer.parseInt(instance.substring(instance.lastIndexOf('-') + 1));
          return servicePorts.get(serviceOf(instance)) + (n - 1) * INSTANCE_PORT_STEP;
        });
  }

  /** Where a started stack records its instances per service (removed when it stops). */
  static Path replicasFile(Path stateDir) {
    return stateDir.resolve("pids/replicas");
  }

  private static Optional<Integer> runningReplicas(Path stateDir) {
    try {
      return Optional.of(Integer.parseInt(Files.readString(replicasFile(stateDir)).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty(); // never scaled out, or stopped
    }
  }

  /** Where the running gateway's port is recorded (removed when it stops). */
  static Path gatewayPortFile(Path stateDir) {
    return stateDir.resolve("pids/gateway.port");
  }

  private static Optional<Integer> runningGatewayPort(Path stateDir) {
    try {
      Path pidFile = stateDir.resolve("pids/gateway.pid");
      Path portFile = gatewayPortFile(stateDir);
      if (Files.exists(pidFile) && Files.exists(portFile)) {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          return Optional.of(Integer.parseInt(Files.readString(portFile).trim()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unreadable: as if nothing runs
    }
    return Optional.empty();
  }

  /**
   * Finds the repository root (the folder with deploy/routes.yaml) from the working directory up.
   */
  public static Path findRepoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("deploy/routes.yaml")) && Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("run this inside the MonzieAI repository");
  }

  /** The port a component listens on (postgres, kafka, gateway or a service). */
  public int port(String component) {
    return switch (component) {
      case LocalStack.POSTGRES -> postgresPort;
      case LocalStack.KAFKA -> kafkaPort;
      case LocalStack.GATEWAY -> gatewayPort;
      case LocalStack.PUSH_SINK -> PushSink.port(stateDir);
      case LocalStack.MAIL -> mailPort();
      default ->
          servicePorts.containsKey(component)
              ? servicePorts.get(component)
              : instancePorts.get(component);
    };
  }

  public Path serviceJar(String service) {
    return repoRoot.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
  }

  public Path logs() {
    return stateDir.resolve("logs");
  }

  public Path pids() {
    return stateDir.resolve("pids");
  }

  public Path keys() {
    return stateDir.resolve("keys");
  }

  public String apiUrl() {
    return "http://localhost:" + gatewayPort;
  }

  /** The URL of a service's first instance, or of the instance named ({@code generation-2}). */
  public String serviceUrl(String instance) {
    return "http://localhost:" + port(instance);
  }

  public String databaseUrl(String database) {
    return "postgresql://127.0.0.1:" + postgresPort + "/" + database;
  }

  /** The mail catcher's SMTP port: next to PostgreSQL's, as Supabase's (54322 and 54325). */
  public int mailPort() {
    return postgresPort + 3;
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }
}
