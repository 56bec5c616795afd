package ai.monzie.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    RouteTable routes = RouteTable.load(repoRoot.resolve("deploy/routes.yaml"));
    int gateway = Integer.parseInt(System.getenv().getOrDefault("MONZIE_PORT", "8080"));
    return new StackConfig(
        repoRoot,
        repoRoot.resolve(".monzie"),
        gateway,
        54322,
        9092,
        9093,
        new LinkedHashMap<>(routes.servicePorts()));
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

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }
}
