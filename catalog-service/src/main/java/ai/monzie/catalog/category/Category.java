package ai.monzie.catalog.category;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A category with the number of its active scenes. */
public record Category(
    UUID id,
    String name,
    String slug,
    @Schema(nullable = true) String description,
    @Schema(nullable = true) String icon,
    @Schema(nullable = true) String thumbnailUrl,
    boolean isActive,
    int orderIndex,
    int sceneCount,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS =
      "id, name, slug, description, icon, thumbnail_url, is_active, order_index, scene_count,"
          + " created_at, updated_at";

  static Category from(Row row) {
    return new Category(
        row.getUUID("id"),
        row.getString("name"),
        row.getString("slug"),
        row.getString("description"),
        row.getString("icon"),
        row.getString("thumbnail_url"),
        row.getBoolean("is_active"),
        row.getInteger("order_index"),
        row.getInteger("scene_count"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }
}
