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
 */
public record StackConfig(
    Path repoRoot,
    Path stateDir,
    int gatewayPort,
    int postgresPort,
    int kafkaPort,
    int kafkaControllerPort,
    Map<String, Integer> servicePorts) {

  /** The services in start order (profile first: the others verify its tokens). */
  public static final List<String> SERVICES =
      List.of("profile", "catalog", "generation", "analytics");

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
    return new StackConfig(
        repoRoot, stateDir, gateway, 54322 + offset, 9092 + offset, 9093 + offset, servicePorts);
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
      default -> servicePorts.get(component);
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

  public String serviceUrl(String service) {
    return "http://localhost:" + servicePorts.get(service);
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
