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
 * The JVM-wide test servers and signing key. The first caller starts them and records where they
 * are in system properties, so that code loaded by another class loader (Quarkus loads tests and
 * test resources separately) finds the same servers instead of starting new ones.
 */
public record TestInfra(PostgresServer postgres, KafkaBroker kafka, DevKeys keys, Path jwksFile) {

  private static final String PG_URL = "monzie.test.pg-url";
  private static final String KAFKA = "monzie.test.kafka-bootstrap";
  private static final String KEYS = "monzie.test.keys-dir";

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

  private static void startServers() {
    PostgresServer pg = PostgresServer.startForTests();
    KafkaBroker kafka = KafkaBroker.startForTests();
    try {
      Path keysDir = Files.createTempDirectory("monzie-test-keys-");
      DevKeys.loadOrCreate(keysDir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(keysDir)));
      System.setProperty(
          PG_URL,
          "postgresql://" + pg.user() + ":" + pg.password() + "@" + pg.host() + ":" + pg.port());
      System.setProperty(KAFKA, kafka.bootstrapServers());
      System.setProperty(KEYS, keysDir.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
