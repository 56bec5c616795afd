package ai.monzie.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Demo data loaded once per state folder (a marker file under it), through the gateway with a
 * service_role token: the catalog ({@code .monzie/seeded}) and the plans ({@code
 * .monzie/plans-seeded}). A load that is retried is harmless (409s are fine).
 */
final class DemoSeeding {

  private final StackConfig config;
  private final Consumer<String> progress;

  DemoSeeding(StackConfig config, Consumer<String> progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Runs {@code load} (which returns how many {@code unit} it sent) unless the marker exists. */
  void once(String marker, String what, String unit, IntSupplier load) {
    Path file = config.stateDir().resolve(marker);
    if (Files.exists(file)) {
      return;
    }
    progress.accept("loading " + what + " ...");
    int loaded = load.getAsInt();
    try {
      Files.writeString(file, Instant.now() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.accept(what + " loaded (" + loaded + " " + unit + ")");
  }
}
