package ai.monzie.generation.events;

import java.time.Instant;
import java.util.UUID;

/** {@code generation.requested}: a generation was accepted and a unit of quota reserved. */
public record GenerationRequested(
    UUID generationId,
    UUID userId,
    UUID sceneId,
    String model,
    boolean isEnhance,
    Instant requestedAt) {}
