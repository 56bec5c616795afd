package ai.monzie.platform.json;

/**
 * Text PostgreSQL can store and every client can read: no NUL (PostgreSQL refuses it in text with
 * SQLSTATE 22021, which surfaced as a 500) and no lone UTF-16 surrogate (stored silently as '?').
 */
public final class SafeText {
  private SafeText() {}

  /** Whether {@code text} holds no NUL and no unpaired surrogate; null is safe. */
  public static boolean isSafe(CharSequence text) {
    if (text == null) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++; // a pair: one supplementary character
        } else {
          return false;
        }
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  public static final String WHY = "must not contain NUL characters or unpaired UTF-16 surrogates";
}
