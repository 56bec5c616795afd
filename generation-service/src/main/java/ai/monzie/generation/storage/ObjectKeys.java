package ai.monzie.generation.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The object keys this service writes. A key is plain ASCII path segments: nothing a client sends
 * can climb out of the store's root or the user's prefix.
 */
public final class ObjectKeys {
  private ObjectKeys() {}

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

  public static String userPrefix(UUID user) {
    return "users/" + user + "/";
  }

  public static String uploadsPrefix(UUID user) {
    return userPrefix(user) + "uploads/";
  }

  /** A photo for generations (the only uploads original_photo_url may name). */
  public static String upload(UUID user, UUID id, String extension) {
    return uploadsPrefix(user) + id + "." + extension;
  }

  public static String avatar(UUID user, UUID id, String extension) {
    return userPrefix(user) + "avatars/" + id + "." + extension;
  }

  public static String image(UUID user, UUID image) {
    return userPrefix(user) + "images/" + image + ".png";
  }

  public static String thumbnail(UUID user, UUID image) {
    return userPrefix(user) + "images/" + image + "-thumb.jpg";
  }

  /** Whether the key belongs to the user (uploads, avatars, images alike). */
  public static boolean ownedBy(String key, UUID user) {
    return isSafe(key) && key.startsWith(userPrefix(user));
  }

  public static String contentType(String key) {
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lower.endsWith(".webp")) {
      return "image/webp";
    }
    return "application/octet-stream";
  }
}
