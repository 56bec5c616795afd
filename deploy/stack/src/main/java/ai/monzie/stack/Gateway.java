package ai.monzie.stack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
    proxy.addInterceptor(new ForwardedHeaders(routes));
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
    request
        .response()
        .setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .end(problemBody(status, type, title, detail, request.path()));
  }

  static Buffer problemBody(int status, String type, String title, String detail, String path) {
    return new JsonObject()
        .put("type", "https://monzie.ai/problems/" + type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("instance", path)
        .toBuffer();
  }

  /**
   * Adds X-Forwarded-For/Proto/Host. A service that is not running (connection refused) becomes a
   * 503 problem, any other failure to reach it a 502 problem.
   */
  static final class ForwardedHeaders implements ProxyInterceptor {
    private final RouteTable routes;

    ForwardedHeaders(RouteTable routes) {
      this.routes = routes;
    }

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
                boolean down = isConnectionRefused(error);
                int status = down ? 503 : 502;
                String service = routes(context).orElse("the service");
                ProxyResponse response = context.request().response();
                response.setStatusCode(status);
                response.headers().set("content-type", "application/problem+json");
                if (down) {
                  response.headers().set("retry-after", "5");
                }
                response.setBody(
                    Body.body(
                        problemBody(
                            status,
                            down ? "service-unavailable" : "bad-gateway",
                            down ? "Service unavailable" : "Bad gateway",
                            down
                                ? service + " is not running; retry shortly."
                                : service + " did not answer properly; retry shortly.",
                            incoming.path())));
                return Future.succeededFuture(response);
              });
    }

    private Optional<String> routes(ProxyContext context) {
      return routes.serviceFor(context.request().proxiedRequest().path());
    }
  }

  static boolean isConnectionRefused(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || (t.getMessage() != null && t.getMessage().contains("Connection refused"))) {
        return true;
      }
    }
    return false;
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
