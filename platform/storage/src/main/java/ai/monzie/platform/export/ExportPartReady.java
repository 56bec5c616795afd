package ai.monzie.platform.export;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.util.List;
import java.util.UUID;

/**
 * The {@code user.export-part-ready} payload
 * (deploy/contracts/schemas/user.export-part-ready.json): {@code files} are relative to {@code
 * exports/<export id>/<service>/}.
 */
public record ExportPartReady(
    UUID exportId, UUID userId, String service, List<String> files, long bytes)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.USER_EXPORT_PART_READY;
  }

  @Override
  public Object key() {
    return userId;
  }
}
