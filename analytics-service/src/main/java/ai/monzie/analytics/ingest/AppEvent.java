package ai.monzie.analytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One validated event, ready for the batch insert. */
public record AppEvent(
    UUID userId,
    String eventName,
    String eventProperties,
    String platform,
    String appVersion,
    String deviceInfo,
    String sessionId,
    String source,
    String eventId,
    OffsetDateTime createdAt) {

  static String json(JsonNode node) {
    return node == null || node.isNull() ? null : node.toString();
  }
}
