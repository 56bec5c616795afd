package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's HTTP-layer limits (issue 16, findings 10, 12 and 17): bodies above a route's limit,
 * request lines and heads too long, malformed requests, and connections that never finish a request
 * head. Every answer is problem+json; every stalled connection is closed.
 */
class GatewayLimitsTest {

  static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(10);

  static Vertx vertx;
  static HttpServer upstream;

  /** Header timeout 1 s, idle timeout longer than any deadline here: only heads are timed. */
  static Gateway gateway;

  /** Idle timeout 2 s, header timeout longer than any deadline here: only idleness is timed. */
  static Gateway idle;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // reads the whole body before it answers, as a JSON resource does
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body ->
                                request
                                    .response()
                                    .putHeader("content-type", "application/json")
                                    .end("{\"bytes\":" + body.length() + "}")))
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    int up = upstream.actualPort();
    RouteTable routes =
        new RouteTable(
            Map.of("profile", up, "generation", up),
            List.of(
                new RouteTable.Route("/v1/profiles", "profile", 64 * 1024),
                new RouteTable.Route("/v1/uploads", "generation", 12 * 1024 * 1024)));
    gateway =
        Gateway.start(
            0,
            routes,
            "127.0.0.1",
            GatewayOptions.defaults().withTimeouts(HEADER_TIMEOUT, Duration.ofMinutes(5)));
    idle =
        Gateway.start(
            0,
            routes,
            "127.0.0.1",
            GatewayOptions.defaults().withTimeouts(Duration.ofMinutes(5), IDLE_TIMEOUT));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    idle.close();
    vertx.close();
  }

  static String post(String path, long contentLength) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  @Test
  void aTenMegabyteJsonBodyIsA413ProblemNotA502() throws Exception {
    RawHttp.Response response = RawHttp.send(gateway.port(), post("/v1/profiles/me", 10 << 20));
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":413").contains("65536 bytes");
  }

  @Test
  void aChunkedBodyAboveTheLimitIsA413Problem() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout((int) DEADLINE.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PUT /v1/profiles/me HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 9; i++) { // 72 KiB, above the route's 64 KiB; no last chunk
        out.write(chunk);
      }
      out.flush();
      RawHttp.Response response = RawHttp.read(socket.getInputStream());
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void aBodyWithinTheRouteLimitPasses() throws Exception {
    String body = "{\"display_name\":\"" + "a".repeat(1000) + "\"}";
    assertThat(sendWhole("/v1/profiles/me", body).body()).contains("\"bytes\":" + body.length());
    // the upload route takes more than a JSON route: 100 KiB is fine there
    String upload = "u".repeat(100 * 1024);
    assertThat(sendWhole("/v1/uploads", upload).body()).contains("\"bytes\":" + upload.length());
  }

  static RawHttp.Response sendWhole(String path, String body) throws Exception {
    String head = post(path, body.length()).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
    RawHttp.Response response = RawHttp.send(gateway.port(), head + body);
    assertThat(response.status()).as(path).isEqualTo(200);
    return response;
  }

  @Test
  void aSixThousandCharacterCursorIsA414Problem() throws Exception {
    RawHttp.Response response =
        RawHttp.get(gateway.port(), "/v1/profiles/me?cursor=" + "c".repeat(6000));
    assertThat(response.status()).as(response.head()).isEqualTo(414);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":414").doesNotContain("cccccccc");
  }

  @Test
  void aHugeHeaderIsA431Problem() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            gateway.port(),
            "GET /v1/profiles/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                + "h".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).isEqualTo(431);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":431");
  }

  @Test
  void aMalformedRequestIsA400Problem() throws Exception {
    RawHttp.Response response =
        RawHttp.send(
            gateway.port(),
            "GET /v1/profiles/me HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: lots\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":400");
  }

  @Test
  void halfARequestLineIsClosedAfterTheHeaderTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.getOutputStream().write("GET /v1/prof".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertThat(RawHttp.closedBy(socket, DEADLINE)).isTrue();
    }
  }

  @Test
  void aHeadDrippedByteByByteIsClosedAfterTheHeaderTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      assertThat(drippedUntilClosed(socket)).isTrue();
    }
  }

  @Test
  void aKeptAliveConnectionDrippingItsNextHeadIsClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", idle.port())) {
      socket
          .getOutputStream()
          .write(
              "GET /v1/profiles/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout((int) DEADLINE.toMillis());
      assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
      assertThat(drippedUntilClosed(socket)).isTrue();
    }
  }

  /**
   * Sends a request head one byte per 200 ms — often enough that no idle timeout fires, slowly
   * enough that it takes longer than the deadline — and says whether the gateway closed first.
   */
  static boolean drippedUntilClosed(Socket socket) throws Exception {
    socket.setSoTimeout(200);
    OutputStream out = socket.getOutputStream();
    byte[] head =
        ("GET /v1/profiles/me HTTP/1.1\r\nX-A: " + "a".repeat(60))
            .getBytes(StandardCharsets.US_ASCII);
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    for (int i = 0; i < head.length && System.nanoTime() < deadline; i++) {
      try {
        out.write(head[i]);
        out.flush();
        if (socket.getInputStream().read() < 0) {
          return true;
        }
      } catch (java.net.SocketTimeoutException stillOpen) {
        // next byte
      } catch (java.io.IOException reset) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aSilentConnectionIsClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", idle.port())) {
      assertThat(RawHttp.closedBy(socket, DEADLINE)).isTrue();
    }
  }

  @Test
  void aKeptAliveConnectionThatSendsNothingMoreIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", idle.port())) {
      socket
          .getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      socket.setSoTimeout((int) DEADLINE.toMillis());
      RawHttp.Response first = RawHttp.read(socket.getInputStream());
      assertThat(first.status()).isEqualTo(200);
      socket.getOutputStream().write("GET /v1/pro".getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.closedBy(socket, DEADLINE)).isTrue();
    }
  }

  @Test
  void theGatewaysOwnAnswersCarryTheSecurityHeaders() throws Exception {
    List<RawHttp.Response> answers =
        List.of(
            RawHttp.get(gateway.port(), "/nowhere"), // 404
            RawHttp.get(gateway.port(), "/v1/auth/..%2f..%2fq/metrics"), // 400 bad path
            RawHttp.send(gateway.port(), post("/v1/profiles/me", 10 << 20)), // 413
            RawHttp.get(gateway.port(), "/v1/profiles/me?cursor=" + "c".repeat(6000))); // 414
    assertThat(answers).extracting(RawHttp.Response::status).containsExactly(404, 400, 413, 414);
    for (RawHttp.Response answer : answers) {
      assertThat(answer.header("x-content-type-options")).as(answer.head()).isEqualTo("nosniff");
      assertThat(answer.header("x-frame-options")).as(answer.head()).isEqualTo("DENY");
      assertThat(answer.header("cache-control")).as(answer.head()).isEqualTo("no-store");
    }
  }
}
