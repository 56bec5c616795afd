package ai.monzie.platform.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** The {@code user.deleted} payload, as far as revocation reads it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserDeleted(UUID userId, Instant deletedAt) {}
