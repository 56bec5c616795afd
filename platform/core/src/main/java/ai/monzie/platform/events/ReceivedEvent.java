package ai.monzie.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A consumed event: its CloudEvents id (the idempotency key), type, key and JSON payload. */
public record ReceivedEvent(
    String id, String type, String topic, String key, Instant time, JsonNode payload) {

  /**
   * The payload as the consumer's own record of it (fields it does not declare are ignored). A
   * payload that does not fit throws {@link IllegalArgumentException}: the batch fails, is retried
   * and then dead-lettered, as for any event that cannot be applied.
   */
  public <T> T as(Class<T> type) {
    return EventJson.read(payload, type);
  }
}
