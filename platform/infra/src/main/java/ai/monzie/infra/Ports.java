package ai.monzie.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers shared by the starters. */
public final class Ports {
  private Ports() {}

  /** Where a port is looked for: below Linux's default ephemeral range (32768-60999). */
  static final int LOWEST = 20000;

  static final Path RANGE_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port nothing listens on, for a server started later. Taken below the kernel's ephemeral
   * range: a port from that range (what binding port 0 gives) can be taken meanwhile by any
   * outgoing connection's local end, which once made the scaled e2e stack's mail catcher fail
   * "Address already in use". Never the same port twice in this JVM.
   */
  public static int free() {
    int[] ephemeral = ephemeralRange();
    int below = Math.min(ephemeral[0], 65536);
    if (below - LOWEST >= 1000) {
      for (int attempt = 0; attempt < 200; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
        if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
          return port;
        }
      }
    }
    return anyFree(); // no room below the range: the kernel's choice
  }

  private static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      HANDED_OUT.add(socket.getLocalPort());
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The kernel's ephemeral port range (Linux), or the IANA one where it cannot be read. */
  static int[] ephemeralRange() {
    // a reader, not Files.readString: on Java 17 that read "3" from this file (procfs says 0 bytes)
    try (BufferedReader reader = Files.newBufferedReader(RANGE_FILE)) {
      String[] range = reader.readLine().trim().split("\\s+");
      return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {49152, 65535};
    }
  }

  public static boolean isOpen(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 250);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
