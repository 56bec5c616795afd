package ai.monzie.catalog.scene;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of scenes; {@code next_cursor} is null on the last page. */
public record ScenePage(List<Scene> items, @Schema(nullable = true) String nextCursor) {}
