package ai.monzie.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written by hand, for requests an HTTP client will not send as an attacker would: a body
 * declared far larger than it is sent (the server must answer from the headers, and a client that
 * writes 10 MB into a closed socket sees a reset instead of the answer).
 */
public final class RawHttp {
  private RawHttp() {}

  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line) and {@code bodyPrefix},
   * then reads the answer until the server closes or the declared length arrives.
   */
  public static Answer send(int port, String head, byte[] bodyPrefix) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(bodyPrefix);
        out.flush();
      } catch (SocketException answeredAlready) {
        // the server may answer and close before it reads the body: read what it said
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int headEnd = -1;
    Map<String, String> headers = new LinkedHashMap<>();
    int status = 0;
    byte[] buffer = new byte[8192];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketException reset) {
        n = -1;
      }
      if (n < 0) {
        break;
      }
      raw.write(buffer, 0, n);
      String text = raw.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0 && (headEnd = text.indexOf("\r\n\r\n")) >= 0) {
        String[] lines = text.substring(0, headEnd).split("\r\n");
        status = Integer.parseInt(lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          headers.put(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      if (headEnd >= 0 && headers.containsKey("content-length")) {
        int length = Integer.parseInt(headers.get("content-length"));
        if (raw.size() >= headEnd + 4 + length) {
          break;
        }
      }
    }
    String text = raw.toString(StandardCharsets.UTF_8);
    int start = text.indexOf("\r\n\r\n");
    return new Answer(status, headers, start < 0 ? "" : text.substring(start + 4));
  }
}
