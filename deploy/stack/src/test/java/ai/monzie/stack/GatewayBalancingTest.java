package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.infra.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scaled-out stack's gateway ({@code deploy/monzie start --replicas 2}): each route balanced over
 * its service's instances, round robin, skipping one that refuses connections or is not ready.
 */
class GatewayBalancingTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final RouteTable ROUTES =
      new RouteTable(Map.of("catalog", 1), List.of(new RouteTable.Route("/v1/scenes", "catalog")));

  Vertx vertx;
  Gateway gateway;
  final AtomicBoolean secondReady = new AtomicBoolean(true);

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() {
    if (gateway != null) {
      gateway.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void requestsAlternateBetweenTheInstancesOfAService() throws Exception {
    int first = instance("first", new AtomicBoolean(true));
    int second = instance("second", secondReady);
    gateway = gatewayOver(first, second);

    List<String> served = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      served.add(get());
    }

    assertThat(served).filteredOn("first"::equals).hasSize(5);
    assertThat(served).filteredOn("second"::equals).hasSize(5);
    for (int i = 1; i < served.size(); i++) {
      assertThat(served.get(i)).isNotEqualTo(served.get(i - 1));
    }
  }

  @Test
  void anInstanceThatRefusesConnectionsIsSkippedWithoutAFailedRequest() throws Exception {
    int first = instance("first", new AtomicBoolean(true));
    int stopped = Ports.free(); // a killed instance: nothing listens
    gateway = gatewayOver(first, stopped);

    List<String> served = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      served.add(get()); // get() fails the test on anything but 200
    }

    assertThat(served).containsOnly("first").hasSize(10);
  }

  @Test
  void anInstanceThatIsNotReadyGetsNoRequestsUntilItIsReadyAgain() throws Exception {
    int first = instance("first", new AtomicBoolean(true));
    int second = instance("second", secondReady);
    gateway = gatewayOver(first, second);
    secondReady.set(false);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> tenRequests().stream().allMatch("first"::equals));

    secondReady.set(true);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> tenRequests().contains("second"));
  }

  @Test
  void gatewayPortsNameEveryInstanceOfAService() {
    String ports = Upstreams.format(Map.of("generation", List.of(18083, 18183)));
    assertThat(ports).isEqualTo("generation=18083+18183");
    Upstreams upstreams = Upstreams.parse(ROUTES, "127.0.0.1", "catalog=1001+1002");
    assertThat(upstreams.order("catalog")).extracting(i -> i.port).containsExactly(1001, 1002);
    assertThat(upstreams.order("catalog")).extracting(i -> i.port).containsExactly(1002, 1001);
  }

  private List<String> tenRequests() throws Exception {
    List<String> served = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      served.add(get());
    }
    return served;
  }

  private Gateway gatewayOver(int... ports) {
    List<Integer> list = new ArrayList<>();
    for (int port : ports) {
      list.add(port);
    }
    return Gateway.start(
        0, ROUTES, new Upstreams("127.0.0.1", Map.of("catalog", list)), GatewayOptions.defaults());
  }

  /** A stand-in instance: its name on /v1/scenes, readiness 200 or 503 on /q/health/ready. */
  private int instance(String name, AtomicBoolean ready) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  if (request.path().equals("/q/health/ready")) {
                    request.response().setStatusCode(ready.get() ? 200 : 503).end();
                  } else {
                    request.response().end(name);
                  }
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  private String get() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/scenes"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
