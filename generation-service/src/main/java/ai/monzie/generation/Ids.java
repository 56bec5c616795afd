package ai.monzie.generation;

import java.util.UUID;
import java.util.function.Supplier;

/** Ids arrive as text: one that is not a UUID names nothing, so it is a 404 like an unknown one. */
public final class Ids {
  private Ids() {}

  public static UUID parse(String text, Supplier<? extends RuntimeException> notFound) {
    try {
      UUID id = UUID.fromString(text);
      if (!id.toString().equalsIgnoreCase(text)) { // UUID.fromString accepts "1-1-1-1-1"
        throw notFound.get();
      }
      return id;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw notFound.get();
    }
  }
}
