package ai.monzie.stack;

import java.time.Duration;
import java.util.Map;

/**
 * The gateway's connection limits, each with a default ({@code Gateway --header-timeout 10s ...}).
 *
 * @param headerTimeout a new connection must have sent a whole request head by then (slowloris)
 * @param idleTimeout a connection with nothing either way for this long is closed (a head dripped
 *     byte by byte counts as nothing until it is whole). Above the SSE heartbeat
 *     (monzie.sse.heartbeat, 15 s), so a quiet stream is never cut
 * @param maxInitialLineLength longest request line (method, path and query), else a 414
 * @param maxHeaderSize largest request head, else a 431
 * @param poolSize pooled connections per service for ordinary requests
 * @param maxStreams connections per service for long-lived streams, which never take from the pool
 * @param connectTimeout to reach a service
 */
public record GatewayOptions(
    Duration headerTimeout,
    Duration idleTimeout,
    int maxInitialLineLength,
    int maxHeaderSize,
    int poolSize,
    int maxStreams,
    Duration connectTimeout) {

  public static GatewayOptions defaults() {
    return new GatewayOptions(
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        4096,
        8192,
        256,
        4096,
        Duration.ofSeconds(2));
  }

  /**
   * The defaults with what the command line names: {@code --header-timeout}, {@code
   * --idle-timeout}.
   */
  public static GatewayOptions from(Map<String, String> options) {
    GatewayOptions d = defaults();
    return new GatewayOptions(
        options.containsKey("header-timeout")
            ? MonzieCli.parseDuration(options.get("header-timeout"))
            : d.headerTimeout(),
        options.containsKey("idle-timeout")
            ? MonzieCli.parseDuration(options.get("idle-timeout"))
            : d.idleTimeout(),
        d.maxInitialLineLength(),
        d.maxHeaderSize(),
        d.poolSize(),
        d.maxStreams(),
        d.connectTimeout());
  }

  public GatewayOptions withTimeouts(Duration header, Duration idle) {
    return new GatewayOptions(
        header, idle, maxInitialLineLength, maxHeaderSize, poolSize, maxStreams, connectTimeout);
  }

  public GatewayOptions withPoolSize(int pool) {
    return new GatewayOptions(
        headerTimeout,
        idleTimeout,
        maxInitialLineLength,
        maxHeaderSize,
        pool,
        maxStreams,
        connectTimeout);
  }
}
