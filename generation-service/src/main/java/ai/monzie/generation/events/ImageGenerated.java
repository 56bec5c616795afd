package ai.monzie.generation.events;

import java.time.Instant;
import java.util.UUID;

/** {@code image.generated}: written with the image row, in one transaction. */
public record ImageGenerated(
    UUID imageId,
    UUID generationId,
    UUID userId,
    UUID sceneId,
    String sceneName,
    String sceneCategory,
    String model,
    double generationTime,
    boolean isEnhanced,
    Instant createdAt) {}
