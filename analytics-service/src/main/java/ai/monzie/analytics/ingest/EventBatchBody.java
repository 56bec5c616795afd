package ai.monzie.analytics.ingest;

import ai.monzie.analytics.ingest.WithinLimit.Limit;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /v1/events}, checked by Bean Validation through {@link BatchValidator}; the limits
 * are configuration ({@link WithinLimit}), the document states their defaults.
 */
@Schema(name = "EventBatch", requiredProperties = "events")
public record EventBatchBody(
    @Schema(minItems = 1, maxItems = 500, description = "At most monzie.analytics.max-batch-size")
        @NotNull(message = "send \\{\"events\": [ ... ]\\}") // braces escaped: message syntax
        @Size(min = 1, message = "at least one event")
        // a null in the list is refused while reading, naming its index
        @JsonSetter(contentNulls = Nulls.FAIL)
        List<@Valid Event> events) {

  /** One app event; a {@code user_id} in it is never read (the token says who). */
  @Schema(
      name = "AppEvent",
      requiredProperties = {"event_name", "platform"})
  public record Event(
      @Schema(maxLength = 100, pattern = "^[A-Za-z0-9_.:\\-]+$")
          @NotBlank(message = "required")
          @WithinLimit(Limit.EVENT_NAME)
          String eventName,
      @Schema(enumeration = {"ios", "android", "web"})
          @NotNull(message = "must be ios, android or web")
          @Pattern(regexp = "ios|android|web", message = "must be ios, android or web")
          String platform,
      @Schema(
              implementation = Map.class, // a JSON object; JsonNode would be documented as an array
              nullable = true,
              description = "A JSON object of at most 8192 bytes")
          @WithinLimit(Limit.EVENT_PROPERTIES)
          JsonNode eventProperties,
      @Schema(
              implementation = Map.class, // a JSON object; JsonNode would be documented as an array
              nullable = true,
              description = "A JSON object of at most 4096 bytes")
          @WithinLimit(Limit.DEVICE_INFO)
          JsonNode deviceInfo,
      @Schema(nullable = true, maxLength = 32) @WithinLimit(Limit.APP_VERSION) String appVersion,
      @Schema(nullable = true, maxLength = 128) @WithinLimit(Limit.SESSION_ID) String sessionId,
      @Schema(nullable = true, description = "When it happened (default: now); not in the future")
          @WithinLimit(Limit.OCCURRED_AT)
          OffsetDateTime occurredAt) {}
}
