package ai.monzie.platform.http;

import ai.monzie.platform.json.SafeText;
import ai.monzie.platform.problem.Problem;
import ai.monzie.platform.problem.ProblemType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every service does to every request before a resource sees it, on the Vert.x router so that
 * it also covers answers Quarkus gives itself (an oversized body, an unknown path):
 *
 * <ul>
 *   <li>security headers on every response: {@code X-Content-Type-Options: nosniff}, frame
 *       protection, and {@code Cache-Control: no-store} unless the resource chose its own caching
 *       (catalog's public, ETag'd reads);
 *   <li>refusals as problem+json where Quarkus would send an empty body: 413 (body over {@code
 *       quarkus.http.limits.max-body-size}), 414 (target over {@code monzie.http.max-uri-length}),
 *       431 (headers over {@code monzie.http.max-header-bytes}), any other 4xx a handler fails
 *       with;
 *   <li>a NUL character in the path or a query parameter: 400 (PostgreSQL cannot store it).
 * </ul>
 */
@ApplicationScoped
public class EdgeRoutes {

  /** Before Quarkus's own upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2}). */
  static final int ORDER = -10;

  static final String CONTENT_SECURITY_POLICY = "frame-ancestors 'none'";

  private final HttpConfig config;
  private final ObjectMapper json;
  private final long maxBodyBytes;

  EdgeRoutes(
      HttpConfig config,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
    this.config = config;
    this.json = json;
    this.maxBodyBytes = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::screen);
    router.route().order(ORDER).failureHandler(this::failed);
  }

  private void screen(RoutingContext ctx) {
    ctx.addHeadersEndHandler(ignored -> secure(ctx.response().headers()));
    HttpServerRequest request = ctx.request();
    String uri = request.uri();
    if (uri != null && uri.length() > config.maxUriLength()) {
      refuse(ctx, 414, "The request target is longer than " + config.maxUriLength() + " bytes.");
    } else if (headerBytes(request.headers()) > config.maxHeaderBytes()) {
      refuse(ctx, 431, "The request headers exceed " + config.maxHeaderBytes() + " bytes.");
    } else if (declaredLength(request) > maxBodyBytes) {
      refuse(ctx, 413, tooLarge());
    } else if (!safe(request.path()) || !safe(request.query())) {
      refuse(ctx, 400, "The path or a query parameter " + SafeText.WHY + ".");
    } else {
      ctx.next();
    }
  }

  private void failed(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (status < 400 || status > 499 || ctx.response().headWritten()) {
      ctx.next(); // 5xx and unexplained failures: Quarkus logs them and answers
      return;
    }
    refuse(ctx, status, status == 413 ? tooLarge() : null);
  }

  static void secure(MultiMap headers) {
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    if (!headers.contains("Content-Security-Policy")) {
      headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
      headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
  }

  private String tooLarge() {
    return "The request body is larger than this call accepts (" + maxBodyBytes + " bytes).";
  }

  private void refuse(RoutingContext ctx, int status, String detail) {
    HttpServerResponse response = ctx.response();
    String body;
    try {
      body = json.writeValueAsString(new Problem(ProblemType.forStatus(status), detail, Map.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (status == 413) {
      // the body may still be arriving: do not read it, close once answered
      response.putHeader(HttpHeaders.CONNECTION, "close");
      response.endHandler(ignored -> ctx.request().connection().close());
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(body);
  }

  private static long headerBytes(MultiMap headers) {
    long bytes = 0;
    for (Map.Entry<String, String> header : headers) {
      bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
    }
    return bytes;
  }

  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // Vert.x refuses a malformed length itself
    }
  }

  /** The raw path or query, percent-decoded, holds no NUL; undecodable text is left to routing. */
  static boolean safe(String raw) {
    if (raw == null || raw.isEmpty()) {
      return true;
    }
    try {
      return SafeText.isSafe(QueryStringDecoder.decodeComponent(raw, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return true;
    }
  }
}
