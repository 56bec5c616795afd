package ai.monzie.generation.job;

import java.util.UUID;

/**
 * A job's status change as NOTIFY carries it between instances: small, well under PostgreSQL's
 * 8000-byte payload limit (the error is cut to 500 characters).
 */
public record StatusChange(UUID id, UUID userId, String status, UUID imageId, String error) {}
