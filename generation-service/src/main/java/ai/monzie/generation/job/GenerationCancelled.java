package ai.monzie.generation.job;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code generation.cancelled}: the job stopped before it finished; its quota unit was given back
 * in the same transaction. {@code cancelled_by} is {@code user} or {@code system}.
 */
public record GenerationCancelled(
    UUID generationId,
    UUID userId,
    UUID sceneId,
    String cancelledBy,
    String reason,
    Instant cancelledAt)
    implements DomainEvent {

  public static GenerationCancelled byUser(Job job) {
    return new GenerationCancelled(
        job.id(),
        job.userId(),
        job.scene().id(),
        "user",
        "Cancelled at the user's request.",
        Instant.now());
  }

  @Override
  public String topic() {
    return Topics.GENERATION_CANCELLED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
