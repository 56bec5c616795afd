package ai.monzie.generation.quota;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Today's usage; {@code limit} is null for premium users (no limit). */
public record Usage(
    int used, @Schema(nullable = true) Integer limit, boolean isPremium, Instant resetsAt) {}
