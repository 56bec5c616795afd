package ai.monzie.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which process listens on a TCP port, read from Linux's /proc (no lsof or ss needed). Best effort:
 * empty when the system has no /proc or the process belongs to another user.
 */
final class PortOwners {
  private PortOwners() {}

  /** {@code "pid 1234 (java -jar catalog-service/...)"} for the process listening on the port. */
  static Optional<String> describe(int port) {
    Set<String> inodes = listeningInodes(port);
    if (inodes.isEmpty()) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        if (ownsSocket(process, inodes)) {
          return Optional.of(
              "pid " + process.getFileName() + " (" + commandLine(process).orElse("?") + ")");
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: the caller says "another program"
    }
    return Optional.empty();
  }

  /** The socket inodes in LISTEN state on the port (IPv4 and IPv6). */
  static Set<String> listeningInodes(int port) {
    Set<String> inodes = new HashSet<>();
    String hexPort = String.format(":%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          // sl local_address rem_address st ... uid timeout inode
          if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
            inodes.add(f[9]);
          }
        }
      } catch (IOException | RuntimeException e) {
        // the table is missing (no IPv6, or not Linux)
      }
    }
    return inodes;
  }

  private static boolean ownsSocket(Path process, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")
              && inodes.contains(target.substring(8, target.length() - 1))) {
            return true;
          }
        } catch (IOException | RuntimeException gone) {
          // the descriptor closed while we looked
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended, or is not ours to inspect
    }
    return false;
  }

  private static Optional<String> commandLine(Path process) {
    try {
      String cmd =
          new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ')
              .trim();
      // a class path makes a command line unreadable: keep its head and the rest after it
      cmd = cmd.replaceAll("(-cp|-classpath) \\S{60,}", "$1 …");
      return Optional.of(cmd.length() > 120 ? cmd.substring(0, 117) + "..." : cmd)
          .filter(s -> !s.isEmpty());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
