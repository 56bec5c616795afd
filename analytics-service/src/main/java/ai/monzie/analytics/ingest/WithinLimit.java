package ai.monzie.analytics.ingest;

import ai.monzie.analytics.AnalyticsConfig;
import ai.monzie.analytics.partition.PartitionMaintenance;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.regex.Pattern;

/**
 * A field of an app event within its limit from {@link AnalyticsConfig} (annotation values must be
 * constants, the limits are configuration, so the validator reads them). Null passes: whether a
 * field is required is {@code @NotBlank}/{@code @NotNull}'s to say.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WithinLimit.Validator.class)
public @interface WithinLimit {

  Limit value();

  String message() default "out of its limits";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Which limit: each names its configuration key in {@link AnalyticsConfig}. */
  enum Limit {
    /** {@code max-event-name-length} characters of letters, digits and {@code _ . : -}. */
    EVENT_NAME,
    /** A JSON object of at most {@code max-properties-bytes} UTF-8 bytes. */
    EVENT_PROPERTIES,
    /** A JSON object of at most {@code max-device-info-length} characters. */
    DEVICE_INFO,
    /** At most {@code max-app-version-length} characters. */
    APP_VERSION,
    /** At most {@code max-session-id-length} characters. */
    SESSION_ID,
    /** Not after now + {@code max-future-skew}, not before the oldest partition kept. */
    OCCURRED_AT
  }

  /** A bean (dependent: one per annotated field, as it keeps the field's limit) for the config. */
  @Dependent
  class Validator implements ConstraintValidator<WithinLimit, Object> {
    static final Pattern EVENT_NAME = Pattern.compile("^[A-Za-z0-9_.:\\-]+$");

    // providers: validators are made when the validator factory starts, before runtime config
    private final Provider<AnalyticsConfig> configs;
    private final Provider<PartitionMaintenance> partitions;
    private Limit limit;

    Validator(Provider<AnalyticsConfig> configs, Provider<PartitionMaintenance> partitions) {
      this.configs = configs;
      this.partitions = partitions;
    }

    @Override
    public void initialize(WithinLimit annotation) {
      limit = annotation.value();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      AnalyticsConfig config = configs.get();
      String why =
          switch (limit) {
            case EVENT_NAME -> {
              String name = (String) value;
              yield name.isEmpty() // empty is @NotBlank's "required"
                      || (name.length() <= config.maxEventNameLength()
                          && EVENT_NAME.matcher(name).matches())
                  ? null
                  : "at most " + config.maxEventNameLength() + " letters, digits and _ . : -";
            }
            case EVENT_PROPERTIES -> object((JsonNode) value, config.maxPropertiesBytes(), true);
            case DEVICE_INFO -> object((JsonNode) value, config.maxDeviceInfoLength(), false);
            case APP_VERSION -> characters((String) value, config.maxAppVersionLength());
            case SESSION_ID -> characters((String) value, config.maxSessionIdLength());
            case OCCURRED_AT -> occurredAt((OffsetDateTime) value, config);
          };
      if (why == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      // the text is ours, never the client's: no expression in it to interpolate
      context.buildConstraintViolationWithTemplate(why).addConstraintViolation();
      return false;
    }

    private static String object(JsonNode node, int max, boolean utf8Bytes) {
      if (node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        return "must be an object";
      }
      String json = node.toString();
      int size = utf8Bytes ? json.getBytes(StandardCharsets.UTF_8).length : json.length();
      return size <= max ? null : "at most " + max + " bytes";
    }

    private static String characters(String text, int max) {
      return text.length() <= max ? null : "at most " + max + " characters";
    }

    private String occurredAt(OffsetDateTime at, AnalyticsConfig config) {
      if (at.isAfter(OffsetDateTime.now().plus(config.maxFutureSkew()))) {
        return "is in the future";
      }
      if (at.isBefore(partitions.get().earliestAccepted())) {
        return "older than the retention (" + config.retentionMonths() + " months)";
      }
      return null;
    }
  }
}
