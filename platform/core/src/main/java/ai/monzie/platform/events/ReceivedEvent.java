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

  /** Reading a field by name: being replaced by {@link #as(Class)}; do not use in new code. */
  @Deprecated(forRemoval = true)
  public String text(String field) {
    JsonNode value = payload.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Reading a field by name: being replaced by {@link #as(Class)}; do not use in new code. */
  @Deprecated(forRemoval = true)
  public java.util.UUID uuid(String field) {
    String value = text(field);
    return value == null ? null : java.util.UUID.fromString(value);
  }
}
