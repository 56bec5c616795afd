package ai.monzie.generation.generation;

import ai.monzie.generation.snapshot.SceneSnapshot;
import java.util.List;

/**
 * Renders a scene's template: {@code {gender}} from the request, else the user's snapshot, else
 * "person"; {@code {style}} from the request, else the scene's style keywords (DESIGN.md §5).
 * Catalog refuses other placeholders when a scene is written, so none are left here.
 */
public final class PromptRenderer {
  private PromptRenderer() {}

  public static String render(SceneSnapshot scene, String gender, String style) {
    String who = gender == null ? "person" : gender;
    String how = style != null && !style.isBlank() ? style.trim() : keywords(scene.styleKeywords());
    return tidy(scene.promptTemplate().replace("{gender}", who).replace("{style}", how));
  }

  private static String keywords(List<String> keywords) {
    return keywords == null ? "" : String.join(", ", keywords);
  }

  /** An empty {style} must not leave ", ," or a dangling comma behind. */
  private static String tidy(String prompt) {
    return prompt
        .replaceAll("\\s*,\\s*(,\\s*)+", ", ")
        .replaceAll("\\s+", " ")
        .replaceAll("[\\s,]+$", "")
        .replaceAll("^[\\s,]+", "")
        .trim();
  }
}
