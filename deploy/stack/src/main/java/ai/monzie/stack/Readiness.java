package ai.monzie.stack;

import ai.monzie.infra.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a component of the local stack is ready: PostgreSQL when its host wrote the ready file
 * (every database exists) and the port answers, Kafka when its port answers, the gateway on
 * /healthz, a service on /q/health/ready.
 */
final class Readiness {

  static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  // short: a service with a start-up cache is ready in well under a second
  private static final long POLL_MILLIS = 50;
  private static final int TAIL_LINES = 25;

  private final StackConfig config;
  private final HttpClient http;

  Readiness(StackConfig config, HttpClient http) {
    this.config = config;
    this.http = http;
  }

  boolean isReady(String component) {
    int port = config.port(component);
    return switch (component) {
      case LocalStack.POSTGRES ->
          Files.exists(postgresReadyFile()) && Ports.isOpen("127.0.0.1", port);
      case LocalStack.KAFKA, LocalStack.PUSH_SINK, LocalStack.MAIL ->
          Ports.isOpen("127.0.0.1", port);
      case LocalStack.GATEWAY -> httpOk("http://127.0.0.1:" + port + "/healthz");
      default -> httpOk("http://127.0.0.1:" + port + "/q/health/ready");
    };
  }

  /** Waits until the component is ready; fails when its process exits or the timeout passes. */
  void await(String component, long pid, Path log) {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new LocalStack.StackException(
            component + " exited while starting; see " + log + ", which ends:\n" + tail(log));
      }
      if (isReady(component)) {
        return;
      }
      LocalStack.sleep(POLL_MILLIS);
    }
    throw new LocalStack.StackException(
        component
            + " not ready after "
            + READY_TIMEOUT.toSeconds()
            + " s; see "
            + log
            + ", which ends:\n"
            + tail(log));
  }

  /**
   * The log's last lines, so the failure reads on its own where the log file cannot be opened (a CI
   * run keeps only the console).
   */
  static String tail(Path log) {
    try {
      List<String> lines =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Written by the PostgreSQL host once every database exists; gone when it stops. */
  Path postgresReadyFile() {
    return config.pids().resolve("postgres.ready");
  }

  /** A GET with a bearer token whose answer does not matter (a training request); false on I/O. */
  boolean get(String url, String token) {
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + token)
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean httpOk(String url) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
