package ai.monzie.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket: the bytes go out exactly as written, the way an attacker sends them
 * ({@code curl --path-as-is}); no client here normalises a path or fixes a header.
 */
final class RawHttp {
  private RawHttp() {}

  /** A response as read off the wire. */
  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /** Sends {@code GET target} with Connection: close and reads the whole response. */
  static Response get(int port, String target) throws IOException {
    return send(
        port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  }

  /** Sends the bytes as they are and reads until the server closes the connection. */
  static Response send(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
        if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (SocketTimeoutException timeout) {
      // what arrived is the answer
    }
    return parse(all.toString(StandardCharsets.UTF_8));
  }

  /** A whole response with a Content-Length (else the server's close ends it). */
  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    for (String line : text.substring(0, end).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return text.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
      }
    }
    return false;
  }

  private static Response parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (!text.matches("(?s)HTTP/1\\.[01] .*") || end < 0) {
      return new Response(-1, text, "");
    }
    return new Response(
        Integer.parseInt(text.substring(9, 12)), text.substring(0, end), text.substring(end + 4));
  }

  /** Whether the server closes the connection (end of stream) before the deadline. */
  static boolean closedBy(Socket socket, Duration deadline) throws IOException {
    socket.setSoTimeout((int) deadline.toMillis());
    try {
      InputStream in = socket.getInputStream();
      while (in.read() >= 0) {
        // whatever it answers first, it must end the connection
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true; // a reset closes it too
    }
  }
}
