package ai.monzie.generation.snapshot;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** What generation needs of a scene, as the last {@code scene.changed} described it. */
public record SceneSnapshot(
    UUID id,
    String name,
    String category,
    String promptTemplate,
    String negativePrompt,
    List<String> styleKeywords,
    boolean isActive,
    boolean isPremium,
    long version,
    OffsetDateTime updatedAt) {

  static final String COLUMNS =
      "id, name, category, prompt_template, negative_prompt, style_keywords, is_active,"
          + " is_premium, version, updated_at";

  static SceneSnapshot from(Row row) {
    String[] keywords = row.getArrayOfStrings("style_keywords");
    return new SceneSnapshot(
        row.getUUID("id"),
        row.getString("name"),
        row.getString("category"),
        row.getString("prompt_template"),
        row.getString("negative_prompt"),
        keywords == null ? List.of() : Arrays.asList(keywords),
        row.getBoolean("is_active"),
        row.getBoolean("is_premium"),
        row.getLong("version"),
        row.getOffsetDateTime("updated_at"));
  }
}
