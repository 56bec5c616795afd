package ai.monzie.platform.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who is calling, for per-client limits: the gateway's first X-Forwarded-For hop, else the peer.
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(HttpServerRequest request) {
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.split(",")[0].trim();
    }
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
  }
}
