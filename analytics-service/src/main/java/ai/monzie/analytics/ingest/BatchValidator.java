package ai.monzie.analytics.ingest;

import static ai.monzie.platform.problem.ProblemException.invalid;

import ai.monzie.analytics.AnalyticsConfig;
import ai.monzie.analytics.partition.PartitionMaintenance;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a whole batch before anything is written: the first bad event fails the batch with a 400
 * naming its index and field, so a bad batch stores nothing.
 */
@ApplicationScoped
public class BatchValidator {

  static final Set<String> PLATFORMS = Set.of("ios", "android", "web");
  static final Pattern EVENT_NAME = Pattern.compile("^[A-Za-z0-9_.:\\-]+$");

  private final AnalyticsConfig config;
  private final PartitionMaintenance partitions;

  BatchValidator(AnalyticsConfig config, PartitionMaintenance partitions) {
    this.config = config;
    this.partitions = partitions;
  }

  /** The user id comes from the token only; a {@code user_id} in the body is ignored. */
  public List<AppEvent> validate(JsonNode body, UUID userId) {
    if (body == null || !body.isObject() || !body.path("events").isArray()) {
      throw invalid("events", "send {\"events\": [ ... ]}");
    }
    JsonNode events = body.get("events");
    if (events.size() > config.maxBatchSize()) {
      throw new ProblemException(
          ProblemType.PAYLOAD_TOO_LARGE,
          "At most "
              + config.maxBatchSize()
              + " events per batch; this one has "
              + events.size()
              + ".",
          Map.of("max_batch_size", config.maxBatchSize()));
    }
    if (events.isEmpty()) {
      throw invalid("events", "at least one event");
    }
    OffsetDateTime now = OffsetDateTime.now();
    OffsetDateTime latest = now.plus(config.maxFutureSkew());
    OffsetDateTime earliest = partitions.earliestAccepted();
    List<AppEvent> valid = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String at = "events[" + i + "]";
      if (!e.isObject()) {
        throw invalid(at, "must be an object");
      }
      String name = text(e, "event_name", at);
      if (name == null || name.isBlank()) {
        throw invalid(at + ".event_name", "required");
      }
      if (name.length() > config.maxEventNameLength() || !EVENT_NAME.matcher(name).matches()) {
        throw invalid(
            at + ".event_name",
            "at most " + config.maxEventNameLength() + " letters, digits and _ . : -");
      }
      String platform = text(e, "platform", at);
      if (platform == null || !PLATFORMS.contains(platform)) {
        throw invalid(at + ".platform", "must be ios, android or web");
      }
      JsonNode props = e.get("event_properties");
      if (props != null && !props.isNull() && !props.isObject()) {
        throw invalid(at + ".event_properties", "must be an object");
      }
      String propsJson = AppEvent.json(props);
      if (propsJson != null
          && propsJson.getBytes(StandardCharsets.UTF_8).length > config.maxPropertiesBytes()) {
        throw invalid(
            at + ".event_properties", "at most " + config.maxPropertiesBytes() + " bytes");
      }
      JsonNode device = e.get("device_info");
      if (device != null && !device.isNull() && !device.isObject()) {
        throw invalid(at + ".device_info", "must be an object");
      }
      String deviceJson = AppEvent.json(device);
      if (deviceJson != null && deviceJson.length() > config.maxDeviceInfoLength()) {
        throw invalid(at + ".device_info", "at most " + config.maxDeviceInfoLength() + " bytes");
      }
      String version = text(e, "app_version", at);
      if (version != null && version.length() > config.maxAppVersionLength()) {
        throw invalid(
            at + ".app_version", "at most " + config.maxAppVersionLength() + " characters");
      }
      String session = text(e, "session_id", at);
      if (session != null && session.length() > config.maxSessionIdLength()) {
        throw invalid(at + ".session_id", "at most " + config.maxSessionIdLength() + " characters");
      }
      OffsetDateTime occurred = now;
      String occurredText = text(e, "occurred_at", at);
      if (occurredText != null) {
        try {
          occurred = OffsetDateTime.parse(occurredText);
        } catch (DateTimeParseException ex) {
          throw invalid(at + ".occurred_at", "an RFC 3339 time such as 2026-11-25T10:15:30Z");
        }
        if (occurred.isAfter(latest)) {
          throw invalid(at + ".occurred_at", "is in the future");
        }
        if (occurred.isBefore(earliest)) {
          throw invalid(
              at + ".occurred_at",
              "older than the retention (" + config.retentionMonths() + " months)");
        }
      }
      valid.add(
          new AppEvent(
              userId,
              name,
              propsJson,
              platform,
              version,
              deviceJson,
              session,
              "app",
              null,
              occurred));
    }
    return valid;
  }

  private static String text(JsonNode e, String field, String at) {
    JsonNode v = e.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw invalid(at + "." + field, "must be a string");
    }
    return v.asText();
  }
}
