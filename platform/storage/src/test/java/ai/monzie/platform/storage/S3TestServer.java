package ai.monzie.platform.storage;

import ai.monzie.infra.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real S3 API server for tests: S3Proxy over an in-memory blob store, started as a child process
 * from the jar the build copies into target/ (no Docker, no network).
 */
final class S3TestServer implements AutoCloseable {

  static final String ACCESS_KEY = "test-access";
  static final String SECRET_KEY = "test-secret";

  private final Process process;
  private final int port;
  private final Path dir;

  private S3TestServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  static S3TestServer start() throws IOException, InterruptedException {
    String jar = System.getProperty("monzie.test.s3proxy-jar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("S3Proxy jar missing (the build copies it): " + jar);
    }
    int port = Ports.free();
    Path dir = Files.createTempDirectory("monzie-s3-");
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=transient",
            "jclouds.identity=local",
            "jclouds.credential=local",
            ""));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar,
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .start();
    S3TestServer server = new S3TestServer(process, port, dir);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!Ports.isOpen("127.0.0.1", port)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        String log = Files.readString(dir.resolve("s3proxy.log"));
        server.close();
        throw new IllegalStateException("S3Proxy did not start:\n" + log);
      }
      Thread.sleep(100); // waiting for a child process to listen: nothing to synchronise on
    }
    return server;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder
    }
  }
}
