package ai.monzie.testing;

import ai.monzie.infra.DevKeys;
import ai.monzie.infra.KafkaBroker;
import ai.monzie.infra.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM-wide test servers and signing key: embedded processes, or containers where an engine
 * answers (see {@link ContainerInfra}). The first caller starts them and records where they are in
 * system properties, so that code loaded by another class loader (Quarkus loads tests and test
 * resources separately) finds the same servers instead of starting new ones.
 */
public record TestInfra(PostgresServer postgres, KafkaBroker kafka, DevKeys keys, Path jwksFile) {

  private static final String PG_URL = "monzie-test.pg-url";
  private static final String KAFKA = "monzie-test.kafka-bootstrap";
  private static final String KEYS = "monzie-test.keys-dir";
  private static final String KAFKA_CONTROL = "ai.monzie.testing:type=KafkaBroker";

  private static TestInfra instance;

  public static TestInfra get() {
    synchronized (System.class) { // one lock for every class loader's copy of this class
      if (instance != null) {
        return instance;
      }
      if (System.getProperty(PG_URL) == null) {
        startServers();
      }
      Path keysDir = Path.of(System.getProperty(KEYS));
      instance =
          new TestInfra(
              PostgresServer.external(URI.create(System.getProperty(PG_URL))),
              KafkaBroker.explicit(System.getProperty(KAFKA)),
              DevKeys.loadOrCreate(keysDir),
              keysDir.resolve("jwks.json"));
      return instance;
    }
  }

  /** A token for a test user or operator, signed by the key the services under test trust. */
  public static String token(String role, String subject) {
    return get()
        .keys()
        .mint(role, subject, subject + "@test.monzie.ai", java.time.Duration.ofMinutes(15));
  }

  /** A user's token of one session ({@code sid}), as profile issues them, for revocation tests. */
  public static String sessionToken(String subject, String session) {
    java.time.Instant now = java.time.Instant.now();
    return get()
        .keys()
        .mint(
            "authenticated",
            subject,
            subject + "@test.monzie.ai",
            now,
            now.plus(java.time.Duration.ofMinutes(15)),
            java.util.Map.of("sid", session));
  }

  /**
   * Stops the test broker (a real outage: the process goes away) and starts it again on the same
   * port with its data. Only for a broker this test run started itself.
   */
  public static void kafka(String action) {
    get();
    try {
      java.lang.management.ManagementFactory.getPlatformMBeanServer()
          .invoke(new javax.management.ObjectName(KAFKA_CONTROL), action, null, null);
    } catch (javax.management.JMException e) {
      throw new IllegalStateException("the broker was not started by this test run", e);
    }
  }

  /** The JMX face of the test broker. */
  public interface BrokerControlMBean {
    void stop();

    void start();
  }

  /** Stops and starts the test broker: its process (embedded) or its container. */
  static final class BrokerControl implements BrokerControlMBean {
    private final Runnable stop;
    private final Runnable start;

    BrokerControl(Runnable stop, Runnable start) {
      this.stop = stop;
      this.start = start;
    }

    @Override
    public void stop() {
      stop.run();
    }

    @Override
    public void start() {
      start.run();
    }
  }

  private static void startServers() {
    String pgUrl;
    String bootstrap;
    BrokerControl control;
    if (ContainerInfra.wanted()) {
      ContainerInfra.Started started = ContainerInfra.start();
      pgUrl = started.postgresUrl();
      bootstrap = started.kafkaBootstrap();
      control = new BrokerControl(started.stopKafka(), started.startKafka());
    } else {
      PostgresServer pg = PostgresServer.startForTests();
      KafkaBroker kafka = KafkaBroker.startForTests();
      pgUrl = "postgresql://" + pg.user() + ":" + pg.password() + "@" + pg.host() + ":" + pg.port();
      bootstrap = kafka.bootstrapServers();
      control = new BrokerControl(kafka::stop, kafka::start);
    }
    try {
      Path keysDir = Files.createTempDirectory("monzie-test-keys-");
      DevKeys.loadOrCreate(keysDir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(keysDir)));
      System.setProperty(PG_URL, pgUrl);
      System.setProperty(KAFKA, bootstrap);
      // JMX is JVM-wide: a copy of this class in another class loader reaches the same broker
      java.lang.management.ManagementFactory.getPlatformMBeanServer()
          .registerMBean(control, new javax.management.ObjectName(KAFKA_CONTROL));
      System.setProperty(KEYS, keysDir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (javax.management.JMException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // temp folder
    }
  }
}
