package ai.monzie.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The demo plans (deploy/catalog/demo-plans.json), loaded once per state folder (marker {@code
 * .monzie/plans-seeded}) through the gateway with a service_role token, as {@link CatalogSeeding}
 * loads the catalog; a retried load is harmless (409s are fine).
 */
final class PlanSeeding {

  private final StackConfig config;
  private final HttpClient http;
  private final Consumer<String> progress;

  PlanSeeding(StackConfig config, HttpClient http, Consumer<String> progress) {
    this.config = config;
    this.http = http;
    this.progress = progress;
  }

  void loadOnce(String serviceRoleToken) {
    Path marker = config.stateDir().resolve("plans-seeded");
    if (Files.exists(marker)) {
      return;
    }
    progress.accept("loading the demo plans ...");
    int loaded =
        new DemoPlans(http, config.apiUrl(), serviceRoleToken)
            .load(config.repoRoot().resolve("deploy/catalog/demo-plans.json"));
    try {
      Files.writeString(marker, Instant.now() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.accept("demo plans loaded (" + loaded + " plans)");
  }
}
