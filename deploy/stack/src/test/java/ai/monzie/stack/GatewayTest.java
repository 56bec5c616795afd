package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.infra.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway in front of a real HTTP server standing in for a service. */
class GatewayTest {

  static Vertx vertx;
  static ServerSocket broken;
  static HttpServer upstream;
  static Gateway gateway;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (request.path().equals("/v1/generations/stream")) {
                    // an SSE stream whose second event only comes when the client has seen the
                    // first
                    var response =
                        request
                            .response()
                            .setChunked(true)
                            .putHeader("content-type", "text/event-stream");
                    response.write("event: status\ndata: {\"status\":\"queued\"}\n\n");
                    vertx.setTimer(
                        1500,
                        t -> response.end("event: status\ndata: {\"status\":\"succeeded\"}\n\n"));
                  } else {
                    request
                        .response()
                        .putHeader("content-type", "application/json")
                        .end(
                            "{\"path\":\""
                                + request.uri()
                                + "\",\"xff\":\""
                                + request.getHeader("X-Forwarded-For")
                                + "\",\"proto\":\""
                                + request.getHeader("X-Forwarded-Proto")
                                + "\",\"host\":\""
                                + request.getHeader("X-Forwarded-Host")
                                + "\"}");
                  }
                })
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    int up = upstream.actualPort();
    int down = Ports.free(); // nothing listens there: a stopped service
    // a broken service: accepts connections and hangs up without an answer
    broken = new ServerSocket(0);
    Thread hangUp =
        new Thread(
            () -> {
              while (!broken.isClosed()) {
                try (Socket s = broken.accept()) {
                  s.getInputStream().read();
                } catch (IOException closed) {
                  // the test is over
                }
              }
            });
    hangUp.setDaemon(true);
    hangUp.start();
    RouteTable routes =
        new RouteTable(
            Map.of(
                "catalog", up,
                "generation", up,
                "analytics", down,
                "profile", broken.getLocalPort()),
            List.of(
                new RouteTable.Route("/v1/scenes", "catalog"),
                new RouteTable.Route("/v1/generations", "generation"),
                new RouteTable.Route("/v1/events", "analytics"),
                new RouteTable.Route("/v1/profiles", "profile")));
    gateway = Gateway.start(0, routes, "127.0.0.1");
  }

  @AfterAll
  static void stop() throws IOException {
    broken.close();
    gateway.close();
    vertx.close();
  }

  static String url(String path) {
    return "http://127.0.0.1:" + gateway.port() + path;
  }

  @Test
  void proxiesThePathAndQueryAndSetsForwardedHeaders() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/v1/scenes?limit=2"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"path\":\"/v1/scenes?limit=2\"")
        .contains("\"xff\":\"127.0.0.1\"")
        .contains("\"proto\":\"http\"")
        .contains("\"host\":\"127.0.0.1:" + gateway.port() + "\"");
  }

  @Test
  void unknownPathsAreA404Problem() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/v1/nothing"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(response.body()).contains("\"status\":404").contains("/v1/nothing");
  }

  @Test
  void healthzAnswersWithoutAnyService() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/healthz"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("UP");
  }

  @Test
  void aServiceThatIsNotRunningIsA503ProblemNotAHang() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/v1/events")))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(response.body())
        .contains("\"status\":503")
        .contains("service-unavailable")
        .contains("analytics is not running");
  }

  @Test
  void aServiceThatHangsUpIsA502Problem() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/v1/profiles/me")))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(response.body()).contains("\"status\":502").contains("bad-gateway");
  }

  @Test
  void serverSentEventsArriveBeforeTheStreamEnds() throws Exception {
    HttpResponse<java.io.InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url("/v1/generations/stream"))).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long start = System.nanoTime();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body()))) {
      assertThat(reader.readLine()).isEqualTo("event: status");
      long firstEventMillis = (System.nanoTime() - start) / 1_000_000;
      // the upstream holds the stream open 1.5 s: a buffering proxy would deliver nothing before
      assertThat(firstEventMillis).isLessThan(1200);
      String rest = reader.lines().reduce("", (a, b) -> a + b + "\n");
      assertThat(rest).contains("succeeded");
    }
  }
}
