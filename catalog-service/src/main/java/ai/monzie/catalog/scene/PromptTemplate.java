package ai.monzie.catalog.scene;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scene's prompt may use {@code {gender}} and {@code {style}} only: an unknown placeholder is
 * refused when the scene is written, never discovered when a user generates (DESIGN.md §5).
 */
public final class PromptTemplate {
  private PromptTemplate() {}

  public static final Set<String> PLACEHOLDERS = Set.of("gender", "style");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  public static void requireKnownPlaceholders(String field, String template) {
    if (template == null) {
      return;
    }
    Set<String> unknown = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        unknown.add("{" + m.group(1) + "}");
      }
    }
    if (!unknown.isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          field + " uses unknown placeholders " + unknown + "; only {gender} and {style} exist.",
          Map.of("field", field, "unknown_placeholders", unknown));
    }
  }
}
