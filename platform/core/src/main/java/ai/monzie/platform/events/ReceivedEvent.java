package ai.monzie.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A consumed event: its CloudEvents id (the idempotency key), type, key and JSON payload. */
public record ReceivedEvent(
    String id, String type, String topic, String key, Instant time, JsonNode payload) {

  public String text(String field) {
    JsonNode value = payload.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  public java.util.UUID uuid(String field) {
    String value = text(field);
    return value == null ? null : java.util.UUID.fromString(value);
  }
}
