package ai.monzie.stack;

import ai.monzie.infra.PostgresServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Holds the local stack's PostgreSQL (embedded binaries, data in .monzie/postgres) as a process of
 * its own: SIGTERM stops it cleanly through the shutdown hook.
 */
public final class PostgresHost {
  private PostgresHost() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = MonzieCli.options(args);
    PostgresServer pg =
        PostgresServer.embedded(
            Path.of(options.get("data")), Integer.parseInt(options.get("port")));
    for (String db : options.getOrDefault("databases", "").split(",")) {
      if (!db.isBlank()) {
        pg.createDatabase(db.trim());
      }
    }
    System.out.println("postgres ready on " + pg.port());
    Thread.currentThread().join();
  }
}
