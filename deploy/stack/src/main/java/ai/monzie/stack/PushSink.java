package ai.monzie.stack;

import ai.monzie.infra.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's push provider: a small HTTP server on loopback speaking Expo's push API ({@code
 * POST /--/api/v2/push/send} answers an ok ticket per recipient, {@code /getReceipts} an ok receipt
 * per id) that records every push, one JSON line each, under the stack's state folder. Profile is
 * pointed at it ({@code MONZIE_PUSH_EXPO_URL}), so nothing leaves the machine and {@code
 * deploy/monzie push} shows what a phone would have received, as a mail catcher does for mail.
 */
public final class PushSink implements AutoCloseable {

  public static final String API_PATH = "/--/api/v2/push";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final HttpServer server;
  private final Path records;

  private PushSink(Vertx vertx, HttpServer server, Path records) {
    this.vertx = vertx;
    this.server = server;
    this.records = records;
  }

  /** Where the pushes are recorded (JSON lines, oldest first). */
  public static Path recordsFile(Path stateDir) {
    return stateDir.resolve("push/pushes.jsonl");
  }

  /**
   * The sink's port: chosen free once per state folder and kept (the services are started with its
   * URL, so it must not change while they run).
   */
  public static int port(Path stateDir) {
    Path file = stateDir.resolve("push/sink.port");
    try {
      if (Files.exists(file)) {
        return Integer.parseInt(Files.readString(file).trim());
      }
      Files.createDirectories(file.getParent());
      int port = Ports.free();
      Files.writeString(file, port + "\n");
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Expo API base URL to give the services. */
  public static String expoUrl(Path stateDir) {
    return "http://127.0.0.1:" + port(stateDir) + API_PATH;
  }

  public static PushSink start(int port, Path records) {
    try {
      Files.createDirectories(records.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Vertx vertx = Vertx.vertx();
    PushSink[] sink = new PushSink[1];
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(request -> sink[0].handle(request))
            .listen(port, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    sink[0] = new PushSink(vertx, server, records);
    return sink[0];
  }

  public int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (!request.method().name().equals("POST")
        || !(path.equals(API_PATH + "/send") || path.equals(API_PATH + "/getReceipts"))) {
      reply(
          request, 404, error("NOT_FOUND", "This push sink serves Expo's /send and /getReceipts"));
      return;
    }
    request.body(
        body -> {
          if (body.failed()) {
            return;
          }
          try {
            JsonNode json = JSON.readTree(body.result().toString(StandardCharsets.UTF_8));
            reply(request, 200, path.endsWith("/send") ? send(json) : receipts(json));
          } catch (IOException | RuntimeException e) {
            reply(request, 400, error("VALIDATION_ERROR", "not an Expo push request"));
          }
        });
  }

  /** Records each recipient of each message; an ok ticket for each, in order. */
  private ObjectNode send(JsonNode body) throws IOException {
    List<JsonNode> messages = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(messages::add);
    } else {
      messages.add(body);
    }
    ArrayNode tickets = JSON.createArrayNode();
    StringBuilder lines = new StringBuilder();
    for (JsonNode message : messages) {
      JsonNode to = message.path("to");
      List<String> tokens = new ArrayList<>();
      if (to.isArray()) {
        to.forEach(t -> tokens.add(t.asText()));
      } else if (to.isTextual()) {
        tokens.add(to.asText());
      } else {
        throw new IllegalArgumentException("no 'to'");
      }
      for (String token : tokens) {
        ObjectNode record =
            JSON.createObjectNode()
                .put("token", token)
                .put("title", message.path("title").asText(null))
                .put("body", message.path("body").asText(null));
        record.set("data", message.has("data") ? message.get("data") : JSON.createObjectNode());
        record.put("sent_at", Instant.now().toString());
        lines.append(record).append('\n');
        tickets.addObject().put("status", "ok").put("id", UUID.randomUUID().toString());
      }
    }
    synchronized (this) {
      Files.writeString(records, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("data", tickets);
    return answer;
  }

  private static ObjectNode receipts(JsonNode body) {
    ObjectNode data = JSON.createObjectNode();
    body.path("ids").forEach(id -> data.putObject(id.asText()).put("status", "ok"));
    ObjectNode answer = JSON.createObjectNode();
    answer.set("data", data);
    return answer;
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode answer = JSON.createObjectNode();
    answer.putArray("errors").addObject().put("code", code).put("message", message);
    return answer;
  }

  private static void reply(HttpServerRequest request, int status, JsonNode body) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.toString());
  }

  /** The recorded pushes, newest first, as {@code deploy/monzie push --json} prints them. */
  public static List<JsonNode> recorded(Path records) {
    if (!Files.exists(records)) {
      return List.of();
    }
    try {
      List<JsonNode> pushes = new ArrayList<>();
      for (String line : Files.readAllLines(records)) {
        if (!line.isBlank()) {
          pushes.add(JSON.readTree(line));
        }
      }
      Collections.reverse(pushes);
      return pushes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code deploy/monzie push [--json]}: the JSON array, or one line per push for people. */
  public static String describe(Path records, boolean json) {
    List<JsonNode> pushes = recorded(records);
    if (json) {
      ArrayNode array = JSON.createArrayNode();
      pushes.forEach(array::add);
      return array.toPrettyString();
    }
    if (pushes.isEmpty()) {
      return "no pushes yet (register a device: PUT /v1/devices/{token}, then generate)";
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode push : pushes) {
      out.append(
          String.format(
              "%s  %s%n  %s — %s%n",
              push.path("sent_at").asText(),
              push.path("token").asText(),
              push.path("title").asText(),
              push.path("body").asText()));
    }
    return out.toString().stripTrailing();
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing anyway
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = MonzieCli.options(args);
    PushSink sink = start(Integer.parseInt(options.get("port")), Path.of(options.get("records")));
    Runtime.getRuntime().addShutdownHook(new Thread(sink::close));
    System.out.println("push sink (Expo API) listening on " + sink.port());
    Thread.currentThread().join();
  }
}
