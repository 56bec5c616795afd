package ai.monzie.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Overload is not a server bug: the inflight bench (issue 13) at load 58 got 346 answers of 500
 * because the reactive pool's wait for a connection timed out. Such a request was fine and may be
 * sent again: 503 with Retry-After.
 */
class ProblemMappersTest {

  private final ProblemMappers mappers = new ProblemMappers();

  @Test
  void aPoolThatGaveNoConnectionInTimeIs503WithRetryAfter() {
    // exactly what Vert.x's SqlConnectionPool fails a timed-out acquire with
    Throwable poolTimeout = Future.failedFuture("Timeout").cause();
    for (Throwable failure : new Throwable[] {poolTimeout, new CompletionException(poolTimeout)}) {
      Response response = mappers.unexpected(failure);
      assertThat(response.getStatus()).isEqualTo(503);
      assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
      assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
      assertThat(((Problem) response.getEntity()).getType()).endsWith("/unavailable");
    }
  }

  @Test
  void aDatabaseThatRefusesConnectionsIs503() {
    Response response = mappers.unexpected(new RuntimeException(new ConnectException("refused")));
    assertThat(response.getStatus()).isEqualTo(503);
  }

  @Test
  void anythingElseUnexpectedStays500() {
    assertThat(mappers.unexpected(new IllegalStateException("Timeout")).getStatus()).isEqualTo(500);
    assertThat(mappers.unexpected(new RuntimeException("boom")).getStatus()).isEqualTo(500);
  }
}
