package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo catalog the stack loads is one the operator API accepts. */
class DemoCatalogFileTest {

  @Test
  void theDemoCatalogIsCompleteAndConsistent() throws Exception {
    JsonNode catalog =
        new ObjectMapper()
            .readTree(
                StackConfig.findRepoRoot().resolve("deploy/catalog/demo-catalog.json").toFile());
    Set<String> slugs = new HashSet<>();
    catalog.get("categories").forEach(c -> slugs.add(c.get("slug").asText()));
    assertThat(slugs).hasSizeGreaterThanOrEqualTo(8);

    Set<String> names = new HashSet<>();
    Map<String, Set<Integer>> orderPerCategory = new HashMap<>();
    int premium = 0;
    Pattern placeholder = Pattern.compile("\\{([^{}]*)}");
    for (JsonNode scene : catalog.get("scenes")) {
      assertThat(names.add(scene.get("name").asText()))
          .as("unique name " + scene.get("name"))
          .isTrue();
      assertThat(slugs).contains(scene.get("category").asText());
      assertThat(
              orderPerCategory
                  .computeIfAbsent(scene.get("category").asText(), k -> new HashSet<>())
                  .add(scene.get("order_index").asInt()))
          .as("order_index unique in its category")
          .isTrue();
      Matcher m =
          placeholder.matcher(
              scene.get("prompt_template").asText() + scene.path("negative_prompt").asText());
      while (m.find()) {
        assertThat(m.group(1)).isIn("gender", "style");
      }
      assertThat(scene.get("prompt_template").asText()).contains("{gender}");
      premium += scene.get("is_premium").asBoolean() ? 1 : 0;
    }
    assertThat(names)
        .hasSizeGreaterThanOrEqualTo(40)
        .contains("Professional Portrait", "Casual Outdoor", "Business Formal");
    assertThat(premium).isBetween(5, names.size() / 2);
  }
}
