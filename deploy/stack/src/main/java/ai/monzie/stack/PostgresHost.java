package ai.monzie.stack;

import ai.monzie.infra.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Holds the local stack's PostgreSQL (embedded binaries, data in .monzie/postgres) as a process of
 * its own: SIGTERM stops PostgreSQL cleanly through the shutdown hook PostgresServer registers.
 *
 * <p>{@code PostgresHost --data DIR --port 54322 --databases a,b --ready-file FILE}: the ready file
 * appears once every database exists, and goes when the host stops.
 */
public final class PostgresHost {
  private PostgresHost() {}

  public static void main(String[] args) throws InterruptedException, IOException {
    Map<String, String> options = MonzieCli.options(args);
    PostgresServer pg =
        PostgresServer.embedded(
            Path.of(options.get("data")), Integer.parseInt(options.get("port")));
    for (String db : options.getOrDefault("databases", "").split(",")) {
      if (!db.isBlank()) {
        pg.createDatabase(db.trim());
      }
    }
    if (options.containsKey("ready-file")) {
      Path ready = Path.of(options.get("ready-file"));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      Files.deleteIfExists(ready);
                    } catch (IOException ignored) {
                      // the next start deletes it before it waits
                    }
                  }));
      Files.writeString(ready, ProcessHandle.current().pid() + "\n");
    }
    System.out.println("postgres ready on " + pg.port());
    Thread.currentThread().join();
  }
}
