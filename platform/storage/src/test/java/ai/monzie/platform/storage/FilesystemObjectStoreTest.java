package ai.monzie.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemObjectStoreTest {

  @TempDir Path root;

  @Test
  void streamedWriteIsReadBackByOpen() throws Exception {
    FilesystemObjectStore store = new FilesystemObjectStore(root);
    String key = "exports/" + UUID.randomUUID() + "/profile/profile.json";
    store.write(
        key, "application/json", out -> out.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
    try (InputStream in = store.open(key).orElseThrow()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }
    assertThat(store.get(key).await().indefinitely().orElseThrow().bytes()).hasSize(7);
  }

  @Test
  void aWriteThatFailsHalfwayLeavesNoObjectBehind() throws Exception {
    FilesystemObjectStore store = new FilesystemObjectStore(root);
    String key = "exports/" + UUID.randomUUID() + "/monzie-export.zip";
    assertThatThrownBy(
            () ->
                store.write(
                    key,
                    "application/zip",
                    out -> {
                      out.write(new byte[1024]);
                      throw new IOException("part missing");
                    }))
        .hasMessage("part missing");
    assertThat(store.open(key)).isEmpty();
    try (var files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aKeyThatClimbsOutOfTheRootIsRefused() {
    FilesystemObjectStore store = new FilesystemObjectStore(root);
    assertThatThrownBy(() -> store.write("exports/../../etc/passwd", "text/plain", out -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.open("../secret.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
