package ai.monzie.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

  /**
   * An outgoing connection's local port comes from the ephemeral range; a port handed out there
   * could be taken before its server binds it.
   */
  @Test
  void freePortsComeFromBelowTheEphemeralRangeNeverTwiceAndCanBeBound() throws Exception {
    int lowestEphemeral = Ports.ephemeralRange()[0];
    if (Files.exists(Ports.RANGE_FILE)) { // Linux: the kernel's own range, e.g. "32768 60999"
      assertThat(lowestEphemeral)
          .isEqualTo(
              Integer.parseInt(Files.readAllLines(Ports.RANGE_FILE).get(0).split("\\s+")[0]));
    }
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      ports.add(Ports.free());
    }
    assertThat(ports).hasSize(300);
    if (lowestEphemeral - Ports.LOWEST >= 1000) {
      assertThat(ports).allMatch(p -> p >= Ports.LOWEST && p < lowestEphemeral);
    }
    int port = ports.iterator().next();
    try (ServerSocket server = new ServerSocket(port)) {
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }
}
