package ai.monzie.generation.generation;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the caller's generations, newest first; {@code next_cursor} null on the last. */
public record GenerationPage(
    List<GenerationView> items, @Schema(nullable = true) String nextCursor) {}
