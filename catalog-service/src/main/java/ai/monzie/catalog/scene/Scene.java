package ai.monzie.catalog.scene;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A scene: an AI prompt template. {@link SceneChanged} publishes it as it is (full snapshot). */
public record Scene(
    UUID id,
    String name,
    @Schema(nullable = true) String description,
    String category,
    @Schema(nullable = true) String subcategory,
    @Schema(nullable = true) String previewUrl,
    @Schema(nullable = true) String thumbnailUrl,
    String promptTemplate,
    @Schema(nullable = true) String negativePrompt,
    List<String> styleKeywords,
    boolean isActive,
    boolean isPremium,
    int orderIndex,
    long usageCount,
    long version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS =
      "id, name, description, category, subcategory, preview_url, thumbnail_url, prompt_template,"
          + " negative_prompt, style_keywords, is_active, is_premium, order_index, usage_count,"
          + " version, created_at, updated_at";

  static Scene from(Row row) {
    String[] keywords = row.getArrayOfStrings("style_keywords");
    return new Scene(
        row.getUUID("id"),
        row.getString("name"),
        row.getString("description"),
        row.getString("category"),
        row.getString("subcategory"),
        row.getString("preview_url"),
        row.getString("thumbnail_url"),
        row.getString("prompt_template"),
        row.getString("negative_prompt"),
        keywords == null ? List.of() : Arrays.asList(keywords),
        row.getBoolean("is_active"),
        row.getBoolean("is_premium"),
        row.getInteger("order_index"),
        row.getLong("usage_count"),
        row.getLong("version"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }
}
