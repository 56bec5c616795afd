package ai.monzie.generation.image;

import jakarta.validation.constraints.NotNull;

/** {@code PATCH /v1/images/{id}}: only the favorite flag can change. */
public record FavoriteInput(@NotNull Boolean isFavorite) {}
