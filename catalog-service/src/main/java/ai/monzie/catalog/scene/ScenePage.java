package ai.monzie.catalog.scene;

import java.util.List;

/** One page of scenes; {@code next_cursor} is null on the last page. */
public record ScenePage(List<Scene> items, String nextCursor) {}
