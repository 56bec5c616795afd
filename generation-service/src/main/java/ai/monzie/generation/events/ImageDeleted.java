package ai.monzie.generation.events;

import java.time.Instant;
import java.util.UUID;

/** {@code image.deleted}: the owner deleted an image (row and files). */
public record ImageDeleted(
    UUID imageId, UUID userId, UUID sceneId, boolean wasFavorite, Instant deletedAt) {}
