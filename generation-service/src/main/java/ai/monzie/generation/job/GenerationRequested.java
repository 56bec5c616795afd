package ai.monzie.generation.job;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/** {@code generation.requested}: a generation was accepted and a unit of quota reserved. */
public record GenerationRequested(
    UUID generationId,
    UUID userId,
    UUID sceneId,
    String model,
    boolean isEnhance,
    Instant requestedAt)
    implements DomainEvent {

  /** The job just queued. */
  public static GenerationRequested of(Job job) {
    return new GenerationRequested(
        job.id(),
        job.userId(),
        job.scene().id(),
        job.render().model(),
        job.isEnhance(),
        job.createdAt().toInstant());
  }

  @Override
  public String topic() {
    return Topics.GENERATION_REQUESTED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
