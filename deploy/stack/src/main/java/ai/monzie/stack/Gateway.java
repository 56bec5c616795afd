package ai.monzie.stack;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.httpproxy.HttpProxy;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local API gateway: one port, routes from deploy/routes.yaml, a real reverse proxy
 * (vertx-http-proxy) that streams bodies (so Server-Sent Events pass unbuffered) and sets
 * X-Forwarded-*. The path is made canonical ({@link RequestPath}) before a route is chosen, and the
 * canonical path is what the service gets. Unknown paths, refused paths, bodies above the route's
 * limit, malformed requests and unreachable services all answer problem+json. A service with
 * several instances ({@code deploy/monzie start --replicas 2}) is balanced by {@link Upstreams}.
 */
public final class Gateway {

  private final Vertx vertx;
  private final HttpServer server;

  private Gateway(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts on {@code port} with the default options. */
  public static Gateway start(int port, RouteTable routes, String upstreamHost) {
    return start(port, routes, upstreamHost, GatewayOptions.defaults());
  }

  /** Starts on {@code port}, proxying to {@code host:servicePort} per the route table. */
  public static Gateway start(
      int port, RouteTable routes, String upstreamHost, GatewayOptions options) {
    return start(port, routes, Upstreams.of(routes, upstreamHost), options);
  }

  /** Starts on {@code port}, balancing each route over its service's instances. */
  static Gateway start(int port, RouteTable routes, Upstreams upstreams, GatewayOptions options) {
    Vertx vertx = Vertx.vertx();
    int idleSeconds = (int) options.idleTimeout().toSeconds();
    HttpClient pooled =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setMaxPoolSize(options.poolSize())
                .setKeepAlive(true)
                .setIdleTimeout(idleSeconds)
                .setConnectTimeout((int) options.connectTimeout().toMillis()));
    // long-lived streams get connections of their own, never taken back into a pool: 270 open
    // streams used to hold all 256 pooled connections and every other request waited behind them
    HttpClient streaming =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setMaxPoolSize(options.maxStreams())
                .setKeepAlive(false)
                .setIdleTimeout(idleSeconds)
                .setConnectTimeout((int) options.connectTimeout().toMillis()));
    HttpProxy ordinary = proxy(pooled, routes, upstreams);
    HttpProxy streams = proxy(streaming, routes, upstreams);
    upstreams.probe(vertx, pooled);
    HttpServer server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setPort(port)
                .setHost("0.0.0.0")
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(idleSeconds)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(options.maxInitialLineLength())
                .setMaxHeaderSize(options.maxHeaderSize()));
    RequestHeadDeadlines deadlines = new RequestHeadDeadlines(vertx, options.headerTimeout());
    server
        .connectionHandler(deadlines::opened)
        .invalidRequestHandler(Gateway::invalidRequest)
        .requestHandler(
            request -> {
              deadlines.requestArrived(request.connection());
              if ("/healthz".equals(request.path())) {
                secured(request.response().headers());
                request
                    .response()
                    .putHeader("content-type", "application/json")
                    .end("{\"status\":\"UP\"}");
                return;
              }
              RequestPath.Outcome outcome = RequestPath.normalise(request.path());
              if (outcome instanceof RequestPath.Canonical canonical) {
                route(request, canonical.path(), routes, ordinary, streams);
              } else if (outcome instanceof RequestPath.Refused refused) {
                problem(request, 400, "bad-path", "Bad request path", refused.reason() + ".");
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

  private static void route(
      HttpServerRequest request,
      String path,
      RouteTable routes,
      HttpProxy ordinary,
      HttpProxy streams) {
    var route = routes.routeFor(path);
    if (route.isEmpty()) {
      problem(request, 404, "not-found", "Not found", "No API lives at " + path + ".");
      return;
    }
    String length = request.getHeader("content-length");
    if (length != null && tooLarge(length, route.get().maxBody())) {
      // answered before the body is read; the connection closes, so what was sent is dropped
      request.response().putHeader("connection", "close");
      bodyTooLarge(request, route.get().maxBody());
      return;
    }
    String accept = request.getHeader("accept");
    boolean stream =
        routes.isStream(path) || (accept != null && accept.contains("text/event-stream"));
    (stream ? streams : ordinary).handle(request);
  }

  private static boolean tooLarge(String contentLength, long limit) {
    try {
      return Long.parseLong(contentLength.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // the HTTP decoder already refuses a malformed Content-Length
    }
  }

  private static HttpProxy proxy(HttpClient client, RouteTable routes, Upstreams upstreams) {
    HttpProxy proxy = HttpProxy.reverseProxy(client);
    proxy.originRequestProvider(
        (request, origin) ->
            upstreams.connect(routes.serviceFor(canonicalPath(request)).orElseThrow(), origin));
    proxy.addInterceptor(new Forwarding(routes));
    return proxy;
  }

  /** The canonical path of a request the handler already let through. */
  static String canonicalPath(HttpServerRequest request) {
    return ((RequestPath.Canonical) RequestPath.normalise(request.path())).path();
  }

  public int port() {
    return server.actualPort();
  }

  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /**
   * A request the HTTP decoder could not read: a request line too long (414), a head too large
   * (431), anything else malformed (400). Its path is not echoed: it may be the offending part.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String type;
    String title;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      type = "uri-too-long";
      title = "URI too long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      type = "headers-too-large";
      title = "Request header fields too large";
    } else {
      status = 400;
      type = "bad-request";
      title = "Bad request";
    }
    secured(request.response().headers());
    request
        .response()
        .setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .putHeader("connection", "close")
        .end(
            problemBody(
                status, type, title, "The request could not be read: " + title + ".", null));
  }

  static void bodyTooLarge(HttpServerRequest request, long limit) {
    secured(request.response().headers());
    request
        .response()
        .setStatusCode(413)
        .putHeader("content-type", "application/problem+json")
        .end(payloadTooLarge(limit, request.path()));
  }

  static Buffer payloadTooLarge(long limit, String path) {
    return problemBody(
        413,
        "payload-too-large",
        "Payload too large",
        "The request body is larger than " + limit + " bytes, the limit of this route.",
        path);
  }

  static void problem(
      HttpServerRequest request, int status, String type, String title, String detail) {
    secured(request.response().headers());
    request
        .response()
        .setStatusCode(status)
        .putHeader("content-type", "application/problem+json")
        .end(problemBody(status, type, title, detail, request.path()));
  }

  /**
   * The headers every API answer carries (as the services' platform EdgeRoutes sets them), for the
   * answers the gateway gives itself: never sniffed, never framed, never cached.
   */
  static MultiMap secured(MultiMap headers) {
    return headers
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Content-Security-Policy", "frame-ancestors 'none'")
        .set("Cache-Control", "no-store");
  }

  static Buffer problemBody(int status, String type, String title, String detail, String path) {
    JsonObject problem =
        new JsonObject()
            .put("type", "https://monzie.ai/problems/" + type)
            .put("title", title)
            .put("status", status)
            .put("detail", detail);
    if (path != null) {
      problem.put("instance", path);
    }
    return problem.toBuffer();
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

  /**
   * {@code Gateway --port 8080 --routes deploy/routes.yaml [--ports generation=8083+8183,...]
   * [--header-timeout 10s] [--idle-timeout 60s]}: runs until stopped.
   */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = MonzieCli.options(args);
    int port = Integer.parseInt(options.getOrDefault("port", "8080"));
    RouteTable routes =
        RouteTable.load(Path.of(options.getOrDefault("routes", "deploy/routes.yaml")));
    // e2e stacks move every service to free ports; a scaled-out stack names each instance's
    Upstreams upstreams =
        options.containsKey("ports")
            ? Upstreams.parse(routes, "127.0.0.1", options.get("ports"))
            : Upstreams.of(routes, "127.0.0.1");
    Gateway gateway = start(port, routes, upstreams, GatewayOptions.from(options));
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
    System.out.println("gateway listening on " + gateway.port());
    Thread.currentThread().join();
  }
}
