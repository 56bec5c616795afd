package ai.monzie.generation.storage;

import ai.monzie.platform.storage.StorageKeys;
import java.util.UUID;

/**
 * The object keys this service writes. A key is plain ASCII path segments: nothing a client sends
 * can climb out of the store's root or the user's prefix.
 */
public final class ObjectKeys {
  private ObjectKeys() {}

  public static boolean isSafe(String key) {
    return StorageKeys.isSafe(key);
  }

  public static String requireSafe(String key) {
    return StorageKeys.requireSafe(key);
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
    return StorageKeys.contentType(key);
  }
}
