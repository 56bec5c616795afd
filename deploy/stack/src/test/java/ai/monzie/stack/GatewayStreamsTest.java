package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Finding 4 of issue 16, the gateway's part: more long-lived Server-Sent Events streams than the
 * pool of ordinary connections (256 per service) must not keep another request waiting.
 */
class GatewayStreamsTest {

  static final int STREAMS = 270;
  static final Duration DEADLINE = Duration.ofSeconds(60);

  static Vertx vertx;
  static HttpServer upstream;
  static Gateway gateway;
  static final AtomicInteger OPEN = new AtomicInteger();
  static final Queue<HttpServerResponse> HELD = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // a service that holds every stream open (one event, then nothing) and answers the rest
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (request.path().endsWith("/stream")) {
                    HttpServerResponse response =
                        request
                            .response()
                            .setChunked(true)
                            .putHeader("content-type", "text/event-stream");
                    response.write(": open\n\n");
                    HELD.add(response);
                    OPEN.incrementAndGet();
                    response.closeHandler(closed -> OPEN.decrementAndGet());
                  } else {
                    request
                        .response()
                        .putHeader("content-type", "application/json")
                        .end("{\"used\":0}");
                  }
                })
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    int up = upstream.actualPort();
    RouteTable routes =
        new RouteTable(
            Map.of("generation", up),
            List.of(
                new RouteTable.Route("/v1/generations", "generation"),
                new RouteTable.Route("/v1/usage", "generation")),
            java.util.Set.of("/v1/generations/stream"));
    gateway = Gateway.start(0, routes, "127.0.0.1", GatewayOptions.defaults());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    vertx.close();
  }

  @Test
  void manyOpenStreamsDoNotStarveAnOrdinaryRequest() throws Exception {
    HttpClient clients =
        vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(STREAMS + 10));
    for (int i = 0; i < STREAMS; i++) {
      // half of them name the stream by path only, half also ask for text/event-stream
      String path = i % 2 == 0 ? "/v1/generations/stream" : "/v1/generations/stream?x=" + i;
      clients
          .request(HttpMethod.GET, gateway.port(), "127.0.0.1", path)
          .compose(
              request -> {
                if (path.contains("?")) {
                  request.putHeader("accept", "text/event-stream");
                }
                return request.send();
              });
    }
    await("streams open at the service").atMost(DEADLINE).until(() -> OPEN.get() == STREAMS);

    HttpResponse<String> usage =
        java.net.http.HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/v1/usage/today"))
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(usage.statusCode()).isEqualTo(200);
    assertThat(usage.body()).contains("used");
  }
}
