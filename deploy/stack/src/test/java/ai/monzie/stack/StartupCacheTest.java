package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a service starts with its start-up cache, and a second stack's ports and folder. */
class StartupCacheTest {

  @TempDir Path app;

  private Path jar(String name, Instant modified) throws Exception {
    Path jar = app.resolve(name);
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {1});
    Files.setLastModifiedTime(jar, FileTime.from(modified));
    return jar;
  }

  @Test
  void aCacheHoldsOnlyForTheJavaThatMadeItAndJarsOlderThanIt() throws Exception {
    Instant built = Instant.now().minusSeconds(60);
    Path runner = jar("quarkus-run.jar", built);
    jar("lib/main/some-library.jar", built);
    StartupCache cache = new StartupCache(runner, 25, "25.0.3+9-LTS");
    assertThat(cache.file().getFileName()).hasToString("app.aot");
    assertThat(cache.current()).isFalse(); // none yet: the first start trains

    Files.write(cache.file(), new byte[] {1});
    cache.markMade();
    assertThat(cache.current()).isTrue();
    assertThat(cache.useOptions()).containsExactly("-XX:AOTCache=" + cache.file());
    assertThat(new StartupCache(runner, 25, "25.0.4+7-LTS").current()).isFalse();

    jar("lib/main/some-library.jar", Instant.now().plusSeconds(5)); // a rebuild
    assertThat(cache.current()).isFalse();
  }

  @Test
  void onJava17TheCacheIsAnAppCdsArchive() throws Exception {
    StartupCache cache = new StartupCache(jar("quarkus-run.jar", Instant.now()), 17, "17.0.15");
    assertThat(cache.file().getFileName()).hasToString("app-cds.jsa");
    assertThat(cache.trainOptions()).containsExactly("-XX:ArchiveClassesAtExit=" + cache.file());
    assertThat(cache.jvmOptions()).doesNotContain("-XX:+UseCompactObjectHeaders");
  }

  @Test
  void aSecondStackTakesItsOwnFolderAndShiftedPorts() {
    Path root = StackConfig.findRepoRoot();
    StackConfig usual = StackConfig.defaults(root, null, Map.of());
    StackConfig second =
        StackConfig.defaults(
            root, null, Map.of("MONZIE_STATE_DIR", "target/second", "MONZIE_PORT_OFFSET", "1000"));
    assertThat(second.stateDir()).isEqualTo(root.resolve("target/second"));
    assertThat(second.postgresPort()).isEqualTo(usual.postgresPort() + 1000);
    assertThat(second.kafkaPort()).isEqualTo(usual.kafkaPort() + 1000);
    assertThat(second.kafkaControllerPort()).isEqualTo(usual.kafkaControllerPort() + 1000);
    assertThat(second.port("catalog")).isEqualTo(usual.port("catalog") + 1000);
  }
}
