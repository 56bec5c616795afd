package ai.monzie.stack;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Sends the canonical path and adds X-Forwarded-For/Proto/Host. A chunked body is capped at the
 * route's limit (413). A service that is not running (connection refused) becomes a 503 problem,
 * any other failure to reach it a 502 problem.
 */
final class Forwarding implements ProxyInterceptor {
  private final RouteTable routes;

  Forwarding(RouteTable routes) {
    this.routes = routes;
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    var request = context.request();
    HttpServerRequest incoming = request.proxiedRequest();
    String path = Gateway.canonicalPath(incoming);
    RouteTable.Route route = routes.routeFor(path).orElseThrow();
    request.setURI(incoming.query() == null ? path : path + "?" + incoming.query());
    String client = incoming.remoteAddress() == null ? "" : incoming.remoteAddress().host();
    String prior = incoming.getHeader("X-Forwarded-For");
    request.headers().set("X-Forwarded-For", prior == null ? client : prior + ", " + client);
    request
        .headers()
        .set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
    request.headers().set("X-Forwarded-Host", incoming.host() == null ? "" : incoming.host());
    Body body = request.getBody();
    CappedBody capped = null;
    if (body != null && body.length() < 0) {
      capped = new CappedBody(body.stream(), route.maxBody());
      request.setBody(Body.body(capped, -1));
    }
    CappedBody cappedBody = capped;
    return context
        .sendRequest()
        .recover(
            error -> {
              ProxyResponse response = context.request().response();
              Gateway.secured(response.headers());
              if (cappedBody != null && cappedBody.exceeded()) {
                response.setStatusCode(413);
                response.headers().set("content-type", "application/problem+json");
                response.headers().set("connection", "close");
                response.setBody(Body.body(Gateway.payloadTooLarge(route.maxBody(), path)));
                return Future.succeededFuture(response);
              }
              boolean down = Gateway.isConnectionRefused(error);
              int status = down ? 503 : 502;
              response.setStatusCode(status);
              response.headers().set("content-type", "application/problem+json");
              if (down) {
                response.headers().set("retry-after", "5");
              }
              response.setBody(
                  Body.body(
                      Gateway.problemBody(
                          status,
                          down ? "service-unavailable" : "bad-gateway",
                          down ? "Service unavailable" : "Bad gateway",
                          down
                              ? route.service() + " is not running; retry shortly."
                              : route.service() + " did not answer properly; retry shortly.",
                          path)));
              return Future.succeededFuture(response);
            });
  }
}
