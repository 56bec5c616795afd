package ai.monzie.analytics.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented shape of {@code POST /v1/events}. The resource reads the body as a tree (so that
 * {@link BatchValidator} can name the bad event's index in its 400); this record only tells the
 * OpenAPI document what it accepts, with the validator's limits at their configured defaults.
 */
@Schema(name = "EventBatch", requiredProperties = "events")
public record EventBatchBody(
    @Schema(minItems = 1, maxItems = 500, description = "At most monzie.analytics.max-batch-size")
        List<Event> events) {

  /** One app event; a {@code user_id} is never read from it (the token says who). */
  @Schema(
      name = "AppEvent",
      requiredProperties = {"event_name", "platform"})
  public record Event(
      @Schema(maxLength = 100, pattern = "^[A-Za-z0-9_.:\\-]+$") String eventName,
      @Schema(enumeration = {"ios", "android", "web"}) String platform,
      @Schema(nullable = true, description = "A JSON object of at most 8192 bytes")
          Map<String, Object> eventProperties,
      @Schema(nullable = true, description = "A JSON object of at most 4096 bytes")
          Map<String, Object> deviceInfo,
      @Schema(nullable = true, maxLength = 32) String appVersion,
      @Schema(nullable = true, maxLength = 128) String sessionId,
      @Schema(nullable = true, description = "When it happened (default: now); not in the future")
          OffsetDateTime occurredAt) {}
}
