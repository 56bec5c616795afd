package ai.monzie.platform.export;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The {@code user.export-requested} payload (deploy/contracts/schemas/user.export-requested.json).
 */
public record ExportRequested(UUID exportId, UUID userId, OffsetDateTime requestedAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.USER_EXPORT_REQUESTED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
