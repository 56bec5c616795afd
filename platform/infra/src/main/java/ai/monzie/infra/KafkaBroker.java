package ai.monzie.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) from the official jars, run
 * as its own process so that tests can stop and restart it like an operator would.
 */
public final class KafkaBroker implements AutoCloseable {

  /** {@code host:port} of a broker to use instead of starting one. */
  public static final String EXPLICIT_BOOTSTRAP_ENV = "MONZIE_KAFKA_BOOTSTRAP";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final Path dataDirectory;
  private final int port;
  private final int controllerPort;
  private final String explicitBootstrap;
  private Process process;
  private boolean detached;

  private KafkaBroker(Path dataDirectory, int port, int controllerPort, String explicitBootstrap) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.controllerPort = controllerPort;
    this.explicitBootstrap = explicitBootstrap;
  }

  /** The broker named by {@value #EXPLICIT_BOOTSTRAP_ENV} if set, else a new one on free ports. */
  public static KafkaBroker startForTests() {
    String explicit = System.getenv(EXPLICIT_BOOTSTRAP_ENV);
    if (explicit != null && !explicit.isBlank()) {
      return new KafkaBroker(null, 0, 0, explicit);
    }
    try {
      Path data = Files.createTempDirectory("monzie-kafka-");
      KafkaBroker broker = new KafkaBroker(data, Ports.free(), Ports.free(), null);
      broker.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    broker.close();
                    deleteQuietly(data);
                  },
                  "kafka-stop"));
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A broker started elsewhere, known by its bootstrap address. */
  public static KafkaBroker explicit(String bootstrapServers) {
    return new KafkaBroker(null, 0, 0, bootstrapServers);
  }

  /** A broker whose data lives in {@code dataDirectory} (the local stack); call {@link #start}. */
  public static KafkaBroker at(Path dataDirectory, int port, int controllerPort) {
    return new KafkaBroker(dataDirectory, port, controllerPort, null);
  }

  /**
   * Starts the broker in a session of its own, so it outlives the command that started it (the
   * local stack CLI); returns its process id.
   */
  public synchronized long startDetached() {
    detached = true;
    start();
    return process.pid();
  }

  public String bootstrapServers() {
    return explicitBootstrap != null ? explicitBootstrap : "127.0.0.1:" + port;
  }

  /** Formats the storage on first use, starts the broker process and waits until it listens. */
  public synchronized void start() {
    if (explicitBootstrap != null || (process != null && process.isAlive())) {
      return;
    }
    try {
      Files.createDirectories(dataDirectory);
      Path properties = writeServerProperties();
      Path log = dataDirectory.resolve("broker.log");
      if (!Files.exists(dataDirectory.resolve("logs/meta.properties"))) {
        List<String> format = java("kafka.tools.StorageTool");
        format.addAll(
            List.of(
                "format", "-t", clusterId(), "-c", properties.toString(), "--ignore-formatted"));
        Process formatting =
            new ProcessBuilder(format)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (formatting.waitFor() != 0) {
          throw new IllegalStateException("kafka storage format failed, see " + log);
        }
      }
      List<String> command = java("kafka.Kafka");
      command.add(properties.toString());
      if (detached) {
        command.add(0, "setsid"); // exec'd in place: the pid stays the broker's
      }
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
      while (!Ports.isOpen("127.0.0.1", port)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("kafka broker exited at start, see " + log);
        }
        if (Instant.now().isAfter(deadline)) {
          process.destroyForcibly(); // a detached broker would otherwise outlive the failure
          throw new IllegalStateException("kafka broker not listening after 90 s, see " + log);
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the broker (SIGTERM, then SIGKILL); its data stays, so {@link #start} resumes it. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public synchronized boolean isRunning() {
    return explicitBootstrap != null || (process != null && process.isAlive());
  }

  @Override
  public void close() {
    stop();
  }

  private Path writeServerProperties() throws IOException {
    Path file = dataDirectory.resolve("server.properties");
    String properties =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + dataDirectory.resolve("logs"),
            "num.partitions=3",
            "auto.create.topics.enable=true",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=3",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "log.flush.interval.messages=1000000",
            "");
    Files.writeString(file, properties, StandardCharsets.UTF_8);
    return file;
  }

  private List<String> java(String mainClass) throws IOException {
    Path log4j = dataDirectory.resolve("log4j2.properties");
    try (InputStream in = resource("kafka-log4j2.properties")) {
      Files.write(log4j, in.readAllBytes());
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xms128m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-Dlog4j2.configurationFile=" + log4j,
            "-cp",
            brokerClasspath(),
            mainClass));
    return command;
  }

  private static String brokerClasspath() throws IOException {
    try (InputStream in = resource("kafka-broker.classpath")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static InputStream resource(String name) {
    InputStream in = KafkaBroker.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name + " in platform-infra");
    }
    return in;
  }

  private static String clusterId() {
    // 16 random bytes, URL-safe base64 without padding; never starting with '-', which the
    // storage tool's argument parser would take for an option (Kafka's own Uuid avoids it too).
    String id;
    do {
      UUID uuid = UUID.randomUUID();
      java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    } while (id.startsWith("-"));
    return id;
  }

  private static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder; the OS cleans it eventually
    }
  }
}
