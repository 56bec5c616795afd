package ai.monzie.stack;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slowloris: a new connection must send a whole request head within the header timeout, else it is
 * closed. Later heads on a kept-alive connection are bounded by the server's idle timeout: Vert.x
 * counts a connection idle until a whole HTTP message is decoded, so a head dripped byte by byte
 * does not keep it open (GatewayLimitsTest shows both).
 */
final class RequestHeadDeadlines {
  private final Vertx vertx;
  private final Duration headerTimeout;
  private final Map<HttpConnection, Long> timers = new ConcurrentHashMap<>();

  RequestHeadDeadlines(Vertx vertx, Duration headerTimeout) {
    this.vertx = vertx;
    this.headerTimeout = headerTimeout;
  }

  void opened(HttpConnection connection) {
    long timer =
        vertx.setTimer(
            headerTimeout.toMillis(),
            fired -> {
              timers.remove(connection);
              connection.close();
            });
    timers.put(connection, timer);
    connection.closeHandler(closed -> requestArrived(connection));
  }

  /** The head arrived (or the connection went): the deadline is over. */
  void requestArrived(HttpConnection connection) {
    Long timer = timers.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
