package ai.monzie.platform.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event this service publishes. The payload record states its own topic (which is also its
 * CloudEvents type) and its partition key, so a producer writes {@code outbox.append(tx, event)}
 * and cannot pair a payload with the wrong topic. Neither appears in the JSON on the wire.
 *
 * <pre>{@code
 * public record ImageDeleted(UUID imageId, UUID userId, Instant deletedAt) implements DomainEvent {
 *   public String topic() { return Topics.IMAGE_DELETED; }
 *   public Object key() { return userId; }
 * }
 * }</pre>
 */
public interface DomainEvent {

  /** The topic, one of {@link Topics}. */
  @JsonIgnore
  String topic();

  /** The partition key: events with the same key are delivered in order. */
  @JsonIgnore
  Object key();
}
