package ai.monzie.stack;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slowloris: a connection must send a whole request head within the header timeout of opening, and,
 * once kept alive, its next one within the idle timeout; else it is closed. (The server's idle
 * timeout alone does not do it: a byte every few seconds keeps a connection "active".)
 */
final class RequestHeadDeadlines {
  private final Vertx vertx;
  private final GatewayOptions options;
  private final Map<HttpConnection, Long> timers = new ConcurrentHashMap<>();

  RequestHeadDeadlines(Vertx vertx, GatewayOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  void opened(HttpConnection connection) {
    await(connection, options.headerTimeout());
    connection.closeHandler(closed -> cancel(connection));
  }

  void requestArrived(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    cancel(connection);
    request.response().endHandler(done -> await(connection, options.idleTimeout()));
  }

  private void await(HttpConnection connection, Duration timeout) {
    long timer =
        vertx.setTimer(
            timeout.toMillis(),
            fired -> {
              timers.remove(connection);
              connection.close();
            });
    Long previous = timers.put(connection, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void cancel(HttpConnection connection) {
    Long timer = timers.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
