package ai.monzie.stack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local API gateway: one port, routes from deploy/routes.yaml, a real reverse proxy
 * (vertx-http-proxy) that streams bodies (so Server-Sent Events pass unbuffered) and sets
 * X-Forwarded-*. Unknown paths and unreachable services answer problem+json.
 */
public final class Gateway {

  private final Vertx vertx;
  private final HttpServer server;

  private Gateway(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts on {@code port}, proxying to {@code host:servicePort} per the route table. */
  public static Gateway start(int port, RouteTable routes, String upstreamHost) {
    Vertx vertx = Vertx.vertx();
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setMaxPoolSize(256).setKeepAlive(true).setConnectTimeout(2000));
    HttpProxy proxy = HttpProxy.reverseProxy(client);
    proxy.originSelector(
        request -> {
          String service = routes.serviceFor(request.path()).orElseThrow();
          return Future.succeededFuture(
              SocketAddress.inetSocketAddress(routes.servicePorts().get(service), upstreamHost));
        });
    proxy.addInterceptor(new ForwardedHeaders());
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setPort(port).setHost("0.0.0.0"))
            .requestHandler(
                request -> {
                  String path = request.path();
                  if ("/healthz".equals(path)) {
                    request
                        .response()
                        .putHeader("content-type", "application/json")
                        .end("{\"status\":\"UP\"}");
                  } else if (routes.serviceFor(path).isEmpty()) {
                    problem(
                        request, 404, "not-found", "Not found", "No API lives at " + path + ".");
                  } else {
                    proxy.handle(request);
                  }
                });
    try {
      server.listen().toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(
          "gateway could not listen on port " + port + ": " + e.getMessage(), e);
    }
    return new Gateway(vertx, server);
  }

  public int port() {
    return server.actualPort();
  }

  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  static void problem(
      HttpServerRequest request, int status, String type, String title, String detail) {
    String body =
        "{\"type\":\"https://monzie.ai/problems/%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
            .formatted(type, title, status, detail.replace("\"", "'"));
    request
        .response()
        .setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .end(body);
  }

  /** Adds X-Forwarded-For/Proto/Host; an unreachable service becomes a 502 problem. */
  static final class ForwardedHeaders implements ProxyInterceptor {
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      var request = context.request();
      HttpServerRequest incoming = request.proxiedRequest();
      String client = incoming.remoteAddress() == null ? "" : incoming.remoteAddress().host();
      String prior = incoming.getHeader("X-Forwarded-For");
      request.headers().set("X-Forwarded-For", prior == null ? client : prior + ", " + client);
      request
          .headers()
          .set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
      request.headers().set("X-Forwarded-Host", incoming.host() == null ? "" : incoming.host());
      return context
          .sendRequest()
          .recover(
              error -> {
                ProxyResponse response = context.request().response();
                response.setStatusCode(502);
                response.headers().set("content-type", "application/problem+json");
                response.setBody(
                    io.vertx.httpproxy.Body.body(
                        io.vertx.core.buffer.Buffer.buffer(
                            "{\"type\":\"https://monzie.ai/problems/bad-gateway\",\"title\":\"Service unavailable\","
                                + "\"status\":502,\"detail\":\"The service behind this path is not answering; retry shortly.\"}")));
                return Future.succeededFuture(response);
              });
    }
  }

  /** {@code Gateway --port 8080 --routes deploy/routes.yaml}: runs until stopped. */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = MonzieCli.options(args);
    int port = Integer.parseInt(options.getOrDefault("port", "8080"));
    RouteTable routes =
        RouteTable.load(Path.of(options.getOrDefault("routes", "deploy/routes.yaml")));
    if (options.containsKey("ports")) { // e2e stacks move every service to free ports
      routes = routes.withPorts(options.get("ports"));
    }
    Gateway gateway = start(port, routes, "127.0.0.1");
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
    System.out.println("gateway listening on " + gateway.port());
    Thread.currentThread().join();
  }
}
