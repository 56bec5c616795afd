package ai.monzie.stack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of each service the gateway sends requests to: round robin over the instances that
 * are up. An instance is down from the moment a connection to it is refused (the request goes to
 * the next instance: nothing was sent yet) or its {@code /q/health/ready} stops answering 200, and
 * up again when it answers 200. With one instance per service there is nothing to choose and
 * nothing is probed: that instance gets every request, down or not (the client sees the 503).
 */
final class Upstreams {

  /** How often each instance's readiness is asked when a service has more than one. */
  static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

  private final String host;
  private final Map<String, List<Instance>> byService;

  /** One instance of a service: its port and whether it was last seen ready. */
  static final class Instance {
    final int port;
    volatile boolean up = true;

    Instance(int port) {
      this.port = port;
    }
  }

  private final Map<String, AtomicInteger> turns = new LinkedHashMap<>();

  Upstreams(String host, Map<String, List<Integer>> ports) {
    this.host = host;
    Map<String, List<Instance>> instances = new LinkedHashMap<>();
    ports.forEach(
        (service, list) -> {
          instances.put(service, list.stream().map(Instance::new).toList());
          turns.put(service, new AtomicInteger());
        });
    this.byService = instances;
  }

  /** Every service on its one port of the route table. */
  static Upstreams of(RouteTable routes, String host) {
    Map<String, List<Integer>> ports = new LinkedHashMap<>();
    routes.servicePorts().forEach((service, port) -> ports.put(service, List.of(port)));
    return new Upstreams(host, ports);
  }

  /**
   * {@code --ports} of the gateway: {@code profile=18081,generation=18083+18183} (the instances of
   * a service joined by {@code +}), over the route table's ports.
   */
  static Upstreams parse(RouteTable routes, String host, String overrides) {
    Map<String, List<Integer>> ports = new LinkedHashMap<>();
    routes.servicePorts().forEach((service, port) -> ports.put(service, List.of(port)));
    for (String pair : overrides.split(",")) {
      String[] kv = pair.split("=");
      List<Integer> list = new ArrayList<>();
      for (String port : kv[1].split("\\+")) {
        list.add(Integer.parseInt(port.trim()));
      }
      ports.put(kv[0].trim(), List.copyOf(list));
    }
    return new Upstreams(host, ports);
  }

  /** The {@code --ports} value for services with these instance ports. */
  static String format(Map<String, List<Integer>> ports) {
    StringBuilder sb = new StringBuilder();
    ports.forEach(
        (service, list) ->
            sb.append(sb.isEmpty() ? "" : ",")
                .append(service)
                .append('=')
                .append(String.join("+", list.stream().map(String::valueOf).toList())));
    return sb.toString();
  }

  /** The instances in turn order from the next one, those up first (all, when none is up). */
  List<Instance> order(String service) {
    List<Instance> instances = byService.get(service);
    int start = Math.floorMod(turns.get(service).getAndIncrement(), instances.size());
    List<Instance> up = new ArrayList<>();
    List<Instance> down = new ArrayList<>();
    for (int i = 0; i < instances.size(); i++) {
      Instance instance = instances.get((start + i) % instances.size());
      (instance.up ? up : down).add(instance);
    }
    up.addAll(down);
    return up;
  }

  /**
   * A request to the service's next instance; when the connection is refused, that instance is
   * marked down and the next one is tried (nothing of the request was sent yet).
   */
  Future<HttpClientRequest> connect(String service, HttpClient client) {
    return connect(order(service), 0, client);
  }

  private Future<HttpClientRequest> connect(List<Instance> order, int i, HttpClient client) {
    Instance instance = order.get(i);
    return client
        .request(
            new RequestOptions().setServer(SocketAddress.inetSocketAddress(instance.port, host)))
        .recover(
            error -> {
              if (order.size() > 1 && Gateway.isConnectionRefused(error)) {
                instance.up = false;
                if (i + 1 < order.size()) {
                  return connect(order, i + 1, client);
                }
              }
              return Future.failedFuture(error);
            });
  }

  /** Asks every instance of a scaled-out service for its readiness, now and then. */
  void probe(Vertx vertx, HttpClient client) {
    boolean scaledOut = byService.values().stream().anyMatch(list -> list.size() > 1);
    if (!scaledOut) {
      return;
    }
    vertx.setPeriodic(
        PROBE_INTERVAL.toMillis(),
        timer ->
            byService.values().stream()
                .filter(list -> list.size() > 1)
                .flatMap(List::stream)
                .forEach(instance -> probe(client, instance)));
  }

  private void probe(HttpClient client, Instance instance) {
    client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(instance.port, host))
                .setURI("/q/health/ready")
                .setTimeout(PROBE_INTERVAL.toMillis() * 4))
        .compose(request -> request.send())
        .onSuccess(
            response -> {
              instance.up = response.statusCode() == 200;
              response.body(); // drain it, so the connection goes back to the pool
            })
        .onFailure(error -> instance.up = false);
  }
}
