package ai.monzie.stack;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A request path made canonical before the gateway picks a route, so the route is chosen on the
 * path the service will act on. Without it {@code /v1/auth/../../q/metrics} matched the {@code
 * /v1/auth} prefix and reached the service's management endpoints (finding 2 of issue 16).
 *
 * <p>What it does (RFC 3986 §6.2.2): percent-encoded unreserved characters are decoded (so {@code
 * %2e%2E} is {@code ..}), other escapes are kept with upper-case hex, empty segments ({@code //})
 * collapse, and dot segments are removed (§5.2.4). What it refuses, as a 400: a {@code ..} that
 * climbs above the root, an encoded slash or backslash ({@code %2f}, {@code %5c}: no API path
 * carries a slash inside a segment, and servers disagree on whether they split), a raw backslash
 * (some servers read it as a slash), a {@code ;} (path parameters: {@code ..;/} is a dot segment to
 * a servlet container and not to us), a malformed escape, and a path that does not start with
 * {@code /}.
 */
public final class RequestPath {
  private RequestPath() {}

  /** The outcome: a canonical path, or why the path is refused. */
  public sealed interface Outcome permits Canonical, Refused {}

  public record Canonical(String path) implements Outcome {}

  public record Refused(String reason) implements Outcome {}

  public static Outcome normalise(String raw) {
    if (raw == null || !raw.startsWith("/")) {
      return new Refused("the path must start with /");
    }
    StringBuilder decoded = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        return new Refused("the path contains a backslash");
      }
      if (c == ';') {
        return new Refused("the path contains a ';' (path parameters are not supported)");
      }
      if (c != '%') {
        decoded.append(c);
        continue;
      }
      int value = i + 2 < raw.length() ? hex(raw.charAt(i + 1), raw.charAt(i + 2)) : -1;
      if (value < 0) {
        return new Refused("the path contains a malformed percent-encoding");
      }
      if (value == '/' || value == '\\') {
        return new Refused("the path contains an encoded slash or backslash");
      }
      if (unreserved(value)) {
        decoded.append((char) value);
      } else {
        decoded.append('%').append(String.format("%02X", value));
      }
      i += 2;
    }
    return removeDotSegments(decoded.toString());
  }

  private static Outcome removeDotSegments(String path) {
    Deque<String> kept = new ArrayDeque<>();
    String[] segments = path.split("/", -1);
    boolean trailingSlash = false;
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      boolean last = i == segments.length - 1;
      switch (segment) {
        case "", "." -> trailingSlash = last && !kept.isEmpty();
        case ".." -> {
          if (kept.isEmpty()) {
            return new Refused("the path climbs above the root");
          }
          kept.removeLast();
          trailingSlash = last && !kept.isEmpty();
        }
        default -> {
          kept.addLast(segment);
          trailingSlash = false;
        }
      }
    }
    return new Canonical("/" + String.join("/", kept) + (trailingSlash ? "/" : ""));
  }

  private static boolean unreserved(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hex(char high, char low) {
    int h = Character.digit(high, 16);
    int l = Character.digit(low, 16);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }
}
