package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.monzie.infra.Ports;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/monzie dev SERVICE} (issue 15, item 10) without Maven: the dev process is a small
 * shell command standing in for {@code quarkus:dev}, the packaged service a jar answering its
 * readiness check, PostgreSQL and Kafka two listening ports (and PostgreSQL's ready file).
 */
class DevLoopTest {

  static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path repo;
  StackConfig config;
  LocalStack stack;
  final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  final List<ServerSocket> infrastructure = new ArrayList<>();

  @BeforeEach
  void repository() throws Exception {
    config =
        new StackConfig(
            repo,
            repo.resolve(".monzie"),
            Ports.free(),
            Ports.free(),
            Ports.free(),
            Ports.free(),
            Map.of("profile", Ports.free(), "catalog", Ports.free()));
    Files.createDirectories(repo.resolve("catalog-service"));
    Files.writeString(repo.resolve("catalog-service/pom.xml"), "<project/>");
    writeStandInJar(config.serviceJar("catalog"));
    Files.createDirectories(config.logs());
    Files.createDirectories(config.pids());
    stack = new LocalStack(config, progress::add);
  }

  @AfterEach
  void stopEverything() throws Exception {
    stack.stop();
    for (ServerSocket socket : infrastructure) {
      socket.close();
    }
  }

  @Test
  void theDevProcessRunsMavenQuarkusDevForTheServiceModule() {
    assertThat(DevLoop.command(config, "catalog"))
        .containsExactly(repo.resolve("mvnw").toString(), "quarkus:dev", "-pl", "catalog-service");
  }

  @Test
  void theDevProcessGetsTheStackEnvironmentForTheDevProfileOnly() {
    Map<String, String> env = DevLoop.environment(stack.serviceEnvironment("catalog"));
    int port = config.servicePorts().get("catalog");
    assertThat(env)
        // the same port, so the gateway's route reaches it; reachable from this machine only
        .containsEntry("_DEV_QUARKUS_HTTP_PORT", String.valueOf(port))
        .containsEntry("_DEV_QUARKUS_HTTP_HOST", "127.0.0.1")
        .containsEntry(
            "_DEV_QUARKUS_DATASOURCE_REACTIVE_URL",
            "postgresql://127.0.0.1:" + config.postgresPort() + "/catalog")
        .containsEntry(
            "_DEV_QUARKUS_DATASOURCE_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/catalog")
        .containsEntry("_DEV_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + config.kafkaPort())
        .containsEntry(
            "_DEV_MONZIE_REVENUECAT_WEBHOOK_SECRET",
            stack.secrets().getProperty("revenuecat-webhook-secret"))
        .containsEntry(
            "_DEV_MONZIE_JWT_SIGNING_KEY_LOCATION",
            config.keys().resolve("jwt-private.pem").toString())
        // no profile-service here to serve the JWKS: the key file, as for the packaged service
        .containsEntry(
            "_DEV_MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            config.keys().resolve("jwks.json").toUri().toString())
        .containsEntry("_DEV_QUARKUS_DEVSERVICES_ENABLED", "false")
        .containsKey("_DEV_MONZIE_FILES_SIGNING_KEY")
        .containsKey("_DEV_MONZIE_JWT_KEY_ID");
    // continuous testing (the test profile) keeps its own PostgreSQL and Kafka
    assertThat(env.keySet()).allMatch(name -> name.startsWith("_"));
  }

  @Test
  void anUnknownServiceIsRefusedByName() throws Exception {
    runningInfrastructure();
    assertThatThrownBy(() -> new DevLoop(stack).run("billing", standIn("true")))
        .isInstanceOf(LocalStack.StackException.class)
        .hasMessage(
            "unknown service 'billing'; deploy/monzie dev takes one of"
                + " profile, catalog, generation, analytics");
    // a service of the list without a module in this repository is as unknown
    assertThatThrownBy(() -> new DevLoop(stack).run("analytics", standIn("true")))
        .hasMessageStartingWith("unknown service 'analytics'");
  }

  @Test
  void aStackThatIsNotRunningIsRefusedAndNothingStarts() throws Exception {
    Path ran = repo.resolve("ran");
    assertThatThrownBy(() -> new DevLoop(stack).run("catalog", standIn("touch " + ran)))
        .isInstanceOf(LocalStack.StackException.class)
        .hasMessage(
            "the local stack is not running (PostgreSQL on "
                + config.postgresPort()
                + " and Kafka on "
                + config.kafkaPort()
                + " must answer): deploy/monzie start first");
    assertThat(ran).doesNotExist();
  }

  @Test
  void thePackagedServiceMakesWayForTheDevProcessAndComesBackWhenItEnds() throws Exception {
    runningInfrastructure();
    stack.startComponent("catalog");
    long packaged = stack.pid("catalog").orElseThrow();

    Path seen = repo.resolve("dev-port");
    Path end = repo.resolve("end-dev");
    CompletableFuture<Void> dev =
        CompletableFuture.runAsync(
            () ->
                new DevLoop(stack)
                    .run(
                        "catalog",
                        standIn(
                            "echo $_DEV_QUARKUS_HTTP_PORT > "
                                + seen
                                + "; while [ ! -e "
                                + end
                                + " ]; do sleep 0.1; done")));

    await().atMost(DEADLINE).until(() -> stack.devPid("catalog").isPresent());
    assertThat(ProcessHandle.of(packaged).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
    assertThat(stack.pid("catalog")).isEmpty();
    assertThat(stack.state("catalog")).startsWith("dev");
    await().atMost(DEADLINE).until(() -> Files.exists(seen) && Files.size(seen) > 0);
    assertThat(Files.readString(seen).trim())
        .isEqualTo(String.valueOf(config.servicePorts().get("catalog")));
    // a `start` meanwhile leaves the service to the dev process
    stack.startComponent("catalog");
    assertThat(stack.pid("catalog")).isEmpty();

    Files.createFile(end); // the dev process ends, as after Ctrl-C
    dev.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(stack.devPid("catalog")).isEmpty();
    assertThat(stack.pid("catalog")).isPresent().isNotEqualTo(Optional.of(packaged));
    assertThat(stack.isReady("catalog")).isTrue();
    assertThat(stack.state("catalog")).isEqualTo("ready");
    assertThat(progress).anyMatch(line -> line.startsWith("catalog is back"));
  }

  @Test
  void stopEndsDevModeWithoutPuttingThePackagedServiceBack() throws Exception {
    runningInfrastructure();
    CompletableFuture<Void> dev =
        CompletableFuture.runAsync(
            () -> new DevLoop(stack).run("catalog", standIn("exec sleep 600")));
    await().atMost(DEADLINE).until(() -> stack.devPid("catalog").isPresent());
    long devPid = stack.devPid("catalog").orElseThrow();

    stack.stop();
    dev.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(ProcessHandle.of(devPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
    assertThat(stack.pid("catalog")).isEmpty();
    assertThat(progress).contains("catalog dev mode ended by deploy/monzie stop");
  }

  static List<String> standIn(String shell) {
    return List.of("sh", "-c", shell);
  }

  /** PostgreSQL and Kafka as the stack sees them when they run: their ports answer. */
  void runningInfrastructure() throws Exception {
    for (int port : List.of(config.postgresPort(), config.kafkaPort())) {
      infrastructure.add(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
    }
    Files.writeString(config.pids().resolve("postgres.ready"), "ready\n");
  }

  /** {@code quarkus-run.jar} with {@link StandInService} as its main class. */
  static void writeStandInJar(Path jar) throws Exception {
    Files.createDirectories(jar.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInService.class.getName());
    String entry = StandInService.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = DevLoopTest.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }
}
