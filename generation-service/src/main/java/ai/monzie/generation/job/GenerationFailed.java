package ai.monzie.generation.job;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** {@code generation.failed}: no image; the quota unit was given back in the same transaction. */
public record GenerationFailed(
    UUID generationId, UUID userId, UUID sceneId, String model, String reason, Instant failedAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.GENERATION_FAILED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
