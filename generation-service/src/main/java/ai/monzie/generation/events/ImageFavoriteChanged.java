package ai.monzie.generation.events;

import java.time.Instant;
import java.util.UUID;

/** {@code image.favorited} and {@code image.unfavorited} (one shape, the topic says which). */
public record ImageFavoriteChanged(UUID imageId, UUID userId, UUID sceneId, Instant occurredAt) {}
