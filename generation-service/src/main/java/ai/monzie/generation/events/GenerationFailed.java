package ai.monzie.generation.events;

import java.time.Instant;
import java.util.UUID;

/** {@code generation.failed}: no image; the quota unit was given back in the same transaction. */
public record GenerationFailed(
    UUID generationId, UUID userId, UUID sceneId, String model, String reason, Instant failedAt) {}
