package ai.monzie.generation.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.generation.snapshot.SceneSnapshot;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the template rules of DESIGN.md §5, no application needed. */
class PromptRendererTest {

  private static SceneSnapshot scene(String template, List<String> keywords) {
    return new SceneSnapshot(
        UUID.randomUUID(),
        "Beach",
        "outdoor",
        template,
        null,
        keywords,
        true,
        false,
        1,
        OffsetDateTime.now());
  }

  @Test
  void theRequestsGenderAndStyleFillTheTemplate() {
    String prompt =
        PromptRenderer.render(
            scene("A {gender} on a beach, {style}", List.of("golden hour")), "woman", " film ");

    assertThat(prompt).isEqualTo("A woman on a beach, film");
  }

  @Test
  void withoutAGenderTheSubjectIsAPerson() {
    assertThat(PromptRenderer.render(scene("A {gender} walking", List.of()), null, null))
        .isEqualTo("A person walking");
  }

  @Test
  void withoutAStyleTheScenesKeywordsAreUsed() {
    String prompt =
        PromptRenderer.render(
            scene("Portrait, {style}", List.of("soft light", "35mm")), "man", "  ");

    assertThat(prompt).isEqualTo("Portrait, soft light, 35mm");
  }

  @Test
  void anEmptyStyleLeavesNoDanglingCommas() {
    assertThat(
            PromptRenderer.render(scene("{style}, a {gender}, {style}, city", null), "man", null))
        .isEqualTo("a man, city");
  }

  @Test
  void whitespaceIsCollapsed() {
    assertThat(PromptRenderer.render(scene("  A   {gender}\n in   rain  ", List.of()), "man", null))
        .isEqualTo("A man in rain");
  }
}
