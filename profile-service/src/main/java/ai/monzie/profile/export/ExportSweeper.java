package ai.monzie.profile.export;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The scheduled side of exports: a part that never came fails its export after the timeout,
 * archives past their retention are deleted, and an export whose parts are all in but that no
 * instance assembled (a crash after the last part) is assembled here.
 */
@ApplicationScoped
public class ExportSweeper {

  private final ExportService exports;

  ExportSweeper(ExportService exports) {
    this.exports = exports;
  }

  @Scheduled(
      every = "${monzie.export.sweep-interval}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> sweep() {
    return exports.sweep();
  }
}
