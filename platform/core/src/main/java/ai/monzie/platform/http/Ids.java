package ai.monzie.platform.http;

import java.util.UUID;
import java.util.function.Supplier;

/** Ids arrive as text: one that is not a UUID names nothing, so it is a 404 like an unknown one. */
public final class Ids {
  private Ids() {}

  public static UUID parse(String text, Supplier<? extends RuntimeException> notFound) {
    UUID id = parseOrNull(text);
    if (id == null) {
      throw notFound.get();
    }
    return id;
  }

  /** The UUID, or null when {@code text} is null or not a canonical UUID. */
  public static UUID parseOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      UUID id = UUID.fromString(text);
      // UUID.fromString accepts "1-1-1-1-1": only the canonical 36-character form names an id
      return id.toString().equalsIgnoreCase(text) ? id : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
