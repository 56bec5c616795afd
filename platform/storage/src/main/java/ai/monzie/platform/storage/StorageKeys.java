package ai.monzie.platform.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an object key may look like: plain ASCII path segments and one extension, so nothing built
 * from a client's input can climb out of the store's root or its prefix.
 */
public final class StorageKeys {
  private StorageKeys() {}

  private static final Pattern SAFE =
      Pattern.compile("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*(\\.[a-z0-9]+)?$");

  public static boolean isSafe(String key) {
    return key != null && key.length() <= 512 && SAFE.matcher(key).matches();
  }

  public static String requireSafe(String key) {
    if (!isSafe(key)) {
      throw new IllegalArgumentException("not an object key: " + key);
    }
    return key;
  }

  public static String contentType(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lower.endsWith(".webp")) {
      return "image/webp";
    }
    if (lower.endsWith(".json")) {
      return "application/json";
    }
    if (lower.endsWith(".zip")) {
      return "application/zip";
    }
    if (lower.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
