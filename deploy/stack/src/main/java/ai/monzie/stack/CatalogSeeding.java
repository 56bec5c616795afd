package ai.monzie.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The demo catalog, loaded once per state folder (marker {@code .monzie/seeded}) through the
 * gateway with a service_role token; a retried load is harmless (409s are fine).
 */
final class CatalogSeeding {

  private final StackConfig config;
  private final HttpClient http;
  private final Consumer<String> progress;

  CatalogSeeding(StackConfig config, HttpClient http, Consumer<String> progress) {
    this.config = config;
    this.http = http;
    this.progress = progress;
  }

  void loadOnce(String serviceRoleToken) {
    Path marker = config.stateDir().resolve("seeded");
    if (Files.exists(marker)) {
      return;
    }
    progress.accept("loading the demo catalog ...");
    int loaded =
        new DemoCatalog(http, config.apiUrl(), serviceRoleToken)
            .load(config.repoRoot().resolve("deploy/catalog/demo-catalog.json"));
    try {
      Files.writeString(marker, Instant.now() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.accept("demo catalog loaded (" + loaded + " scenes)");
  }
}
