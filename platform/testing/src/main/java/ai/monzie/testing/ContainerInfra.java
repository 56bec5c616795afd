package ai.monzie.testing;

import ai.monzie.infra.Ports;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The test servers as containers (Testcontainers on a Docker-compatible engine, e.g. Podman from
 * {@code deploy/containers/engine.sh}): PostgreSQL from {@code monzie/postgres:16} and Kafka from
 * {@code monzie/kafka:<version>}, both built locally by {@code deploy/containers/images.sh}. Kept
 * apart from {@link TestInfra} so that the embedded mode never loads a Testcontainers class.
 */
final class ContainerInfra {

  /** {@code containers}, {@code embedded}, or unset: containers where an engine answers. */
  static final String MODE_ENV = "MONZIE_INFRA";

  static final String POSTGRES_IMAGE = "monzie/postgres:16";
  static final String KAFKA_IMAGE = "monzie/kafka:" + AppInfoParser.getVersion();

  private static final System.Logger LOG = System.getLogger(ContainerInfra.class.getName());

  /** Where the started servers answer, and how to stop and start the broker's container. */
  record Started(
      String postgresUrl, String kafkaBootstrap, Runnable stopKafka, Runnable startKafka) {}

  private ContainerInfra() {}

  /**
   * Whether this run uses containers. {@code MONZIE_INFRA=containers} insists (a missing engine or
   * image fails the run); unset, only an engine Testcontainers finds by itself ({@code DOCKER_HOST}
   * or {@code /var/run/docker.sock}) holding the images switches modes, so a machine with only a
   * JDK pays nothing but two lookups.
   */
  static boolean wanted() {
    String mode = System.getenv(MODE_ENV);
    if ("containers".equals(mode)) {
      return true;
    }
    if ("embedded".equals(mode) || explicitServersGiven()) {
      return false;
    }
    if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
      return false;
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      return false;
    }
    if (!imagesPresent()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "a container engine answers but {0} and {1} are not built "
              + "(deploy/containers/images.sh infra): using the embedded servers",
          POSTGRES_IMAGE,
          KAFKA_IMAGE);
      return false;
    }
    return true;
  }

  static Started start() {
    if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      // Ryuk's image cannot be fetched here; the shutdown hook below removes our containers
      throw new IllegalStateException(
          "container mode needs TESTCONTAINERS_RYUK_DISABLED=true (the build's surefire sets it)");
    }
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          MODE_ENV
              + "=containers but no container engine answers: run deploy/containers/engine.sh"
              + " and export the DOCKER_HOST it prints");
    }
    if (!imagesPresent()) {
      throw new IllegalStateException(
          POSTGRES_IMAGE
              + " or "
              + KAFKA_IMAGE
              + " missing: run deploy/containers/images.sh infra");
    }
    GenericContainer<?> postgres = postgres();
    GenericContainer<?> kafka = kafka(Ports.free());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.stop();
                  postgres.stop();
                },
                "monzie-containers-stop"));
    long t0 = System.nanoTime();
    postgres.start();
    long t1 = System.nanoTime();
    kafka.start();
    long t2 = System.nanoTime();
    LOG.log(
        System.Logger.Level.INFO,
        "containers ready: PostgreSQL in {0} ms, Kafka in {1} ms",
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000);
    String host = postgres.getHost();
    int kafkaPort = kafka.getMappedPort(9092);
    return new Started(
        "postgresql://postgres:postgres@" + host + ":" + postgres.getMappedPort(5432),
        "127.0.0.1:" + kafkaPort,
        () -> engine(client -> client.stopContainerCmd(kafka.getContainerId()).exec()),
        () -> {
          engine(client -> client.startContainerCmd(kafka.getContainerId()).exec());
          awaitPort(kafkaPort);
        });
  }

  private static GenericContainer<?> postgres() {
    return new GenericContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
        .withExposedPorts(5432)
        .withEnv("POSTGRES_PASSWORD", "postgres")
        // as the embedded server: throwaway data, many connections (four services' pools)
        .withCommand(
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "max_connections=400",
            "-c",
            "shared_buffers=256MB")
        .withLabels(Map.of("ai.monzie.test", "infra"))
        .waitingFor(
            Wait.forLogMessage(".*database system is ready to accept connections.*", 1)
                .withStartupTimeout(Duration.ofSeconds(60)));
  }

  /**
   * The broker advertises the host port its clients use, so that port is chosen first and bound
   * fixed; it also survives {@code stop}/{@code start} of the container (the outage tests).
   */
  private static GenericContainer<?> kafka(int hostPort) {
    GenericContainer<?> kafka =
        new GenericContainer<>(DockerImageName.parse(KAFKA_IMAGE))
            .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:" + hostPort)
            .withLabels(Map.of("ai.monzie.test", "infra"))
            .waitingFor(
                Wait.forLogMessage(".*Kafka Server started.*", 1)
                    .withStartupTimeout(Duration.ofSeconds(120)));
    kafka.setPortBindings(List.of(hostPort + ":9092"));
    return kafka;
  }

  private static boolean imagesPresent() {
    return engine(
        client -> {
          for (String image : List.of(POSTGRES_IMAGE, KAFKA_IMAGE)) {
            try {
              client.inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
              return false;
            }
          }
          return true;
        });
  }

  private static <T> T engine(Function<DockerClient, T> call) {
    return call.apply(DockerClientFactory.instance().client());
  }

  private static void awaitPort(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!Ports.isOpen("127.0.0.1", port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "kafka container not listening on " + port + " after 120 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static boolean explicitServersGiven() {
    String pg = System.getenv(ai.monzie.infra.PostgresServer.EXPLICIT_URL_ENV);
    String kafka = System.getenv(ai.monzie.infra.KafkaBroker.EXPLICIT_BOOTSTRAP_ENV);
    return (pg != null && !pg.isBlank()) || (kafka != null && !kafka.isBlank());
  }
}
