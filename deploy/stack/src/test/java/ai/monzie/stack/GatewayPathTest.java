package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finding 2 of issue 16: paths that climb out of a public prefix into a service's management
 * endpoints ({@code /q/metrics}, {@code /q/health}, ...), sent byte for byte over a socket. The
 * upstream records every request it gets: none of these may reach it.
 */
class GatewayPathTest {

  static Vertx vertx;
  static HttpServer upstream;
  static Gateway gateway;
  static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  RECEIVED.add(request.uri());
                  request
                      .response()
                      .putHeader("content-type", "application/json")
                      .end("{\"uri\":\"" + request.uri() + "\"}");
                })
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    int up = upstream.actualPort();
    RouteTable routes =
        new RouteTable(
            Map.of("profile", up, "catalog", up, "generation", up),
            List.of(
                new RouteTable.Route("/v1/auth", "profile"),
                new RouteTable.Route("/v1/profiles", "profile"),
                new RouteTable.Route("/.well-known", "profile"),
                new RouteTable.Route("/v1/scenes", "catalog"),
                new RouteTable.Route("/v1/files", "generation")));
    gateway = Gateway.start(0, routes, "127.0.0.1");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    vertx.close();
  }

  @BeforeEach
  void forget() {
    RECEIVED.clear();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/q/metrics",
        "/q/health/ready",
        "/v1/auth/../../q/metrics",
        "/v1/auth/../../q/health",
        "/v1/profiles/../../q/openapi",
        "/.well-known/../q/metrics",
        "/v1/scenes/../../q/swagger-ui/",
        "/v1/auth/%2e%2e/%2e%2e/q/metrics",
        "/v1/auth/%2E%2e/%2e%2E/q/metrics",
        "/v1/auth/.%2e/.%2e/q/metrics",
        "/v1/auth/%2e./%2e./q/metrics",
        "/v1/auth/./../../q/metrics",
        "/v1/auth//../../q/metrics",
        "//q/metrics",
        "/v1/files/users/../../../q/metrics?x=1",
        "/v1/auth/%2e%2e/%2e%2e/%71/metrics",
      })
  void aPathThatNormalisesIntoQIsA404AndNeverReachesTheService(String path) throws Exception {
    RawHttp.Response response = RawHttp.get(gateway.port(), path);
    assertThat(response.status()).as(path).isEqualTo(404);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("\"status\":404");
    assertThat(RECEIVED).as("requests that reached the service for " + path).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/auth/..%2f..%2fq/metrics",
        "/v1/auth/..%2F..%2Fq/metrics",
        "/v1/auth/%2e%2e%2f%2e%2e%2fq/metrics",
        "/v1/auth/..%5c..%5cq/metrics",
        "/v1/auth\\..\\..\\q\\metrics",
        "/v1/auth/..;/..;/q/metrics",
        "/v1/auth/..;jsessionid=x/q/metrics",
        "/v1/auth/%2e%2e;/q/metrics",
        "/../q/metrics",
        "/v1/../../q/metrics",
        "/v1/auth/%zz/login",
        "/v1/auth/%2",
      })
  void encodedSlashesBackslashesPathParametersAndClimbsAboveTheRootAreA400(String path)
      throws Exception {
    RawHttp.Response response = RawHttp.get(gateway.port(), path);
    assertThat(response.status()).as(path).isEqualTo(400);
    assertThat(response.header("content-type")).isEqualTo("application/problem+json");
    assertThat(response.body()).contains("bad-path");
    assertThat(RECEIVED).as("requests that reached the service for " + path).isEmpty();
  }

  @Test
  void theServiceGetsTheCanonicalPathTheRouteWasChosenFor() throws Exception {
    assertThat(RawHttp.get(gateway.port(), "/v1/scenes/%61b%63?q=%2e%2e").body())
        .contains("\"uri\":\"/v1/scenes/abc?q=%2e%2e\"");
    assertThat(RawHttp.get(gateway.port(), "/v1/auth/x/../login").body())
        .contains("\"uri\":\"/v1/auth/login\"");
    assertThat(RawHttp.get(gateway.port(), "/v1//scenes/./1").body())
        .contains("\"uri\":\"/v1/scenes/1\"");
    // an escaped percent stays escaped: no second decoding turns %252e into a dot
    assertThat(RawHttp.get(gateway.port(), "/v1/scenes/%252e%252e/x").body())
        .contains("\"uri\":\"/v1/scenes/%252e%252e/x\"");
    assertThat(RECEIVED)
        .containsExactly(
            "/v1/scenes/abc?q=%2e%2e", "/v1/auth/login", "/v1/scenes/1", "/v1/scenes/%252e%252e/x");
  }
}
