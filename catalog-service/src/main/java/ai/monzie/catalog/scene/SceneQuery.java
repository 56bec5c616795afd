package ai.monzie.catalog.scene;

import static ai.monzie.platform.problem.ProblemException.invalid;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A validated scene listing request. Query parameters arrive as text so that a bad value is a 400
 * naming the parameter (JAX-RS would turn a failed conversion into a 404).
 */
public record SceneQuery(
    String category,
    String subcategory,
    Boolean premium,
    String q,
    Sort sort,
    int limit,
    Cursor after) {

  public enum Sort {
    ORDER,
    POPULAR
  }

  /** The last row of the previous page: its sort key and id (ids break ties). */
  public record Cursor(long key, UUID id) {
    String encode() {
      String raw = key + ":" + id;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        int colon = raw.indexOf(':');
        return new Cursor(
            Long.parseLong(raw.substring(0, colon)), UUID.fromString(raw.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw invalid("cursor", "not a cursor this API returned; start again without it");
      }
    }
  }

  public static SceneQuery parse(
      String category,
      String subcategory,
      String premium,
      String q,
      String sort,
      String limit,
      String cursor,
      int defaultLimit,
      int maxLimit) {
    Boolean premiumFilter = null;
    if (premium != null) {
      premiumFilter =
          switch (premium) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("premium", "must be true or false");
          };
    }
    Sort order =
        switch (sort == null ? "order" : sort) {
          case "order" -> Sort.ORDER;
          case "popular" -> Sort.POPULAR;
          default -> throw invalid("sort", "must be order or popular");
        };
    int size = defaultLimit;
    if (limit != null) {
      try {
        size = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw invalid("limit", "must be a whole number from 1 to " + maxLimit);
      }
      if (size < 1 || size > maxLimit) {
        throw invalid("limit", "must be a whole number from 1 to " + maxLimit);
      }
    }
    if (q != null && q.length() > 200) {
      throw invalid("q", "at most 200 characters");
    }
    return new SceneQuery(
        blankToNull(category),
        blankToNull(subcategory),
        premiumFilter,
        blankToNull(q),
        order,
        size,
        cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
