package ai.monzie.platform.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How a consumer reads a payload into its own record: snake_case as on the wire, ISO-8601 times,
 * and fields it does not know ignored (the contract lets producers add fields). Stricter than the
 * HTTP side on purpose the other way: the HTTP mapper refuses unknown fields from clients.
 */
final class EventJson {
  private EventJson() {}

  private static final ObjectMapper READER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .registerModule(new JavaTimeModule())
          .registerModule(new Jdk8Module())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  static <T> T read(JsonNode payload, Class<T> type) {
    try {
      return READER.treeToValue(payload, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "payload is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
