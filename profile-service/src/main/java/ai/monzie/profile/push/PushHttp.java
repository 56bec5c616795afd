package ai.monzie.profile.push;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeoutException;

/** The one non-blocking HTTP client the push providers share (Vert.x: no thread per call). */
@ApplicationScoped
class PushHttp {

  private final WebClient client;

  PushHttp(Vertx vertx, PushConfig config) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) config.requestTimeout().toMillis())
                .setUserAgent("monzie-profile-service"));
  }

  WebClient client() {
    return client;
  }

  /** A transport failure for the logs and last_error: its kind, never a token or a body. */
  static String describe(Throwable e) {
    return e instanceof TimeoutException ? "timeout" : e.getClass().getSimpleName();
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
