package ai.monzie.generation.quota;

import java.time.Instant;

/** Today's usage; {@code limit} is null for premium users (no limit). */
public record Usage(int used, Integer limit, boolean isPremium, Instant resetsAt) {}
