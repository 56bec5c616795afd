package ai.monzie.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  static final TrustedProxies LOOPBACK = TrustedProxies.of(List.of("127.0.0.0/8", "::1"));
  static final TrustedProxies INGRESS = TrustedProxies.of(List.of("127.0.0.1", "10.42.0.0/16"));

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertThat(ClientAddress.resolve("203.0.113.9", List.of("1.2.3.4"), LOOPBACK))
        .isEqualTo("203.0.113.9");
    assertThat(ClientAddress.resolve("127.0.0.1", List.of("1.2.3.4"), TrustedProxies.of(List.of())))
        .isEqualTo("127.0.0.1");
    assertThat(
            ClientAddress.resolve(
                "127.0.0.1", List.of("1.2.3.4"), TrustedProxies.of(List.of(TrustedProxies.NONE))))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void aTrustedPeerIsBelievedForTheRightMostUntrustedHop() {
    // the client wrote "6.6.6.6" itself; the gateway appended the address it really saw
    assertThat(ClientAddress.resolve("127.0.0.1", List.of("6.6.6.6, 198.51.100.7"), LOOPBACK))
        .isEqualTo("198.51.100.7");
    // ingress pod, then the gateway on loopback: both skipped
    assertThat(
            ClientAddress.resolve(
                "127.0.0.1", List.of("6.6.6.6, 198.51.100.7, 10.42.3.4"), INGRESS))
        .isEqualTo("198.51.100.7");
    // repeated headers are one list, in order
    assertThat(ClientAddress.resolve("10.42.0.9", List.of("6.6.6.6", "198.51.100.7"), INGRESS))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void rotatingTheForgedPartChangesNothing() {
    for (int i = 0; i < 5; i++) {
      assertThat(ClientAddress.resolve("::1", List.of("10.0.0." + i + ", 198.51.100.7"), LOOPBACK))
          .isEqualTo("198.51.100.7");
    }
  }

  @Test
  void garbageStopsTheWalkAtTheLastHopThatCouldBeChecked() {
    assertThat(ClientAddress.resolve("127.0.0.1", List.of("evil.example, 127.0.0.5"), LOOPBACK))
        .isEqualTo("127.0.0.5");
    assertThat(ClientAddress.resolve("127.0.0.1", List.of("unknown"), LOOPBACK))
        .isEqualTo("127.0.0.1");
    assertThat(ClientAddress.resolve("127.0.0.1", List.of(), LOOPBACK)).isEqualTo("127.0.0.1");
    assertThat(ClientAddress.resolve(null, List.of("1.2.3.4"), LOOPBACK)).isEqualTo("unknown");
  }

  @Test
  void ipv6PeersAndHopsAreMatchedByPrefix() {
    TrustedProxies v6 = TrustedProxies.of(List.of("fd00::/8"));
    assertThat(ClientAddress.resolve("fd12::1", List.of("2001:db8::5"), v6))
        .isEqualTo("2001:db8::5");
    assertThat(ClientAddress.resolve("0:0:0:0:0:0:0:1", List.of("2001:db8::5"), LOOPBACK))
        .isEqualTo("2001:db8::5");
    assertThat(ClientAddress.resolve("fe80::1", List.of("2001:db8::5"), v6)).isEqualTo("fe80::1");
  }

  @Test
  void aBadProxyEntryFailsAtStartupNotPerRequest() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("gateway.local")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
