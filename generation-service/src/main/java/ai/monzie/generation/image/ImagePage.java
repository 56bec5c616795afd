package ai.monzie.generation.image;

import java.util.List;

/** One page of history, newest first; {@code next_cursor} is null on the last page. */
public record ImagePage(List<ImageView> items, String nextCursor) {}
