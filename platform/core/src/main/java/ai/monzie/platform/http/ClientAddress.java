package ai.monzie.platform.http;

import io.quarkus.arc.Arc;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Who is calling, for per-client limits. {@code X-Forwarded-For} is believed only when the peer is
 * a trusted proxy ({@code monzie.http.trusted-proxies}); then the right-most hop that is not a
 * trusted proxy is the client. Anything left of it was written by the client and can be forged:
 * taking the first hop let a fresh header per request defeat every per-client limit.
 */
public final class ClientAddress {
  private ClientAddress() {}

  public static String of(HttpServerRequest request) {
    String peer = request.remoteAddress() == null ? null : request.remoteAddress().host();
    return resolve(peer, request.headers().getAll("X-Forwarded-For"), Holder.trusted());
  }

  /**
   * The client behind {@code peer}, reading the forwarded chain from the right while each hop is a
   * trusted proxy. Headers repeated are one list, in order.
   */
  public static String resolve(String peer, List<String> forwardedFor, TrustedProxies trusted) {
    if (peer == null) {
      return "unknown";
    }
    if (!trusted.contains(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
      return peer;
    }
    String client = peer;
    List<String> hops =
        forwardedFor.stream()
            .flatMap(header -> java.util.Arrays.stream(header.split(",")))
            .map(String::trim)
            .toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (TrustedProxies.literal(hop) == null) {
        return client; // garbage (or "unknown") stops the walk at the last hop we could trust
      }
      client = hop;
      if (!trusted.contains(hop)) {
        return hop;
      }
    }
    return client; // every hop is a proxy of ours: the left-most one is as close as we get
  }

  /** The configured proxies, parsed once per application (tests restart it with other config). */
  @jakarta.inject.Singleton
  @io.quarkus.arc.Unremovable // looked up, never injected
  static class Holder {
    private final TrustedProxies trusted;

    Holder(HttpConfig config) {
      this.trusted = TrustedProxies.of(config.trustedProxies());
    }

    static TrustedProxies trusted() {
      return Arc.container().instance(Holder.class).get().trusted;
    }
  }
}
