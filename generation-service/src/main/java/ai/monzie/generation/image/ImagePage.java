package ai.monzie.generation.image;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of history, newest first; {@code next_cursor} is null on the last page. */
public record ImagePage(List<ImageView> items, @Schema(nullable = true) String nextCursor) {}
