package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

  @Test
  void aFailedStartQuotesTheEndOfItsLog(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("analytics.log");
    Files.writeString(
        log,
        IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

    String tail = Readiness.tail(log);

    assertThat(tail.lines()).hasSize(25).startsWith("line 76").endsWith("line 100");
  }

  @Test
  void aMissingLogIsSaidSoInsteadOfFailingTheReport(@TempDir Path dir) {
    assertThat(Readiness.tail(dir.resolve("never-written.log"))).startsWith("(unreadable: ");
  }
}
