package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.infra.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushSinkTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anExpoBatchIsAnsweredWithTicketsAndShownNewestFirst(@TempDir Path state) throws Exception {
    Path records = PushSink.recordsFile(state);
    try (PushSink sink = PushSink.start(Ports.free(), records)) {
      HttpResponse<String> sent =
          post(
              sink.port(),
              "/--/api/v2/push/send",
              """
              [{"to":"ExponentPushToken[first]","title":"Your image is ready","body":"Retro is ready.",
                "data":{"type":"image.generated","generation_id":"g1"},"sound":"default"},
               {"to":"ExponentPushToken[second]","title":"Görselin hazır","body":"Hazır.",
                "data":{"type":"image.generated","generation_id":"g2"}}]""");
      assertThat(sent.statusCode()).isEqualTo(200);
      JsonNode tickets = JSON.readTree(sent.body()).path("data");
      assertThat(tickets).hasSize(2);
      assertThat(tickets.get(0).path("status").asText()).isEqualTo("ok");
      assertThat(tickets.get(0).path("id").asText()).isNotBlank();

      HttpResponse<String> receipts =
          post(
              sink.port(),
              "/--/api/v2/push/getReceipts",
              "{\"ids\":[\"" + tickets.get(0).path("id").asText() + "\"]}");
      assertThat(
              JSON.readTree(receipts.body())
                  .path("data")
                  .path(tickets.get(0).path("id").asText())
                  .path("status")
                  .asText())
          .isEqualTo("ok");

      assertThat(post(sink.port(), "/--/api/v2/push/send", "{not json").statusCode())
          .isEqualTo(400);
      assertThat(post(sink.port(), "/elsewhere", "{}").statusCode()).isEqualTo(404);
    }

    // what `deploy/monzie push --json` prints: [{token, title, body, data, sent_at}], newest first
    JsonNode printed = JSON.readTree(PushSink.describe(records, true));
    assertThat(printed).hasSize(2);
    assertThat(printed.get(0).path("token").asText()).isEqualTo("ExponentPushToken[second]");
    assertThat(printed.get(0).path("title").asText()).isEqualTo("Görselin hazır");
    assertThat(printed.get(1).path("token").asText()).isEqualTo("ExponentPushToken[first]");
    assertThat(printed.get(1).path("body").asText()).isEqualTo("Retro is ready.");
    assertThat(printed.get(1).path("data").path("generation_id").asText()).isEqualTo("g1");
    assertThat(printed.get(1).path("sent_at").asText()).isNotBlank();
    List<String> fields = List.of("token", "title", "body", "data", "sent_at");
    printed.get(0).fieldNames().forEachRemaining(f -> assertThat(fields).contains(f));
    assertThat(PushSink.describe(records, false)).contains("Görselin hazır");
  }

  @Test
  void theServicesAreSentToTheSinkOfTheirStack(@TempDir Path state) {
    StackConfig config = LocalStackTest.freePorts(state);
    LocalStack stack = new LocalStack(config, s -> {});
    assertThat(stack.components()).contains(LocalStack.PUSH_SINK);
    int port = config.port(LocalStack.PUSH_SINK);
    assertThat(config.port(LocalStack.PUSH_SINK)).isEqualTo(port); // kept once chosen
    assertThat(stack.serviceEnvironment("profile"))
        .containsEntry("MONZIE_PUSH_EXPO_URL", "http://127.0.0.1:" + port + "/--/api/v2/push");
    assertThat(PushSink.describe(PushSink.recordsFile(state), true).replaceAll("\\s", ""))
        .isEqualTo("[]");
  }

  @Test
  void theStackKnowsItsSinkAndMailCatcherProcessesAndStopsThem(@TempDir Path state)
      throws Exception {
    // found by hand: both ran under a signature no process had, so status said "stopped" and
    // deploy/monzie stop left them running, holding their ports against the next start
    StackConfig config = LocalStackTest.freePorts(state);
    LocalStack stack = new LocalStack(config, s -> {});
    java.nio.file.Files.createDirectories(config.logs());
    java.nio.file.Files.createDirectories(config.stateDir().resolve("pids"));
    try {
      for (String component : java.util.List.of(LocalStack.PUSH_SINK, LocalStack.MAIL)) {
        stack.startComponent(component);
        assertThat(stack.pid(component)).as(component).isPresent();
      }
      long sink = stack.pid(LocalStack.PUSH_SINK).orElseThrow();
      long mail = stack.pid(LocalStack.MAIL).orElseThrow();
      stack.stop();
      assertThat(ProcessHandle.of(sink).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
      assertThat(ProcessHandle.of(mail).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
    } finally {
      stack.stop();
    }
  }
}
