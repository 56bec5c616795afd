package ai.monzie.profile.profile;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PATCH /v1/profiles/me}. Each field is three-state: absent (null) keeps the value, JSON
 * null or blank text ({@link Optional#empty()}) clears it, text (trimmed) sets it. Any other field
 * lands in {@link #refused} so the service can name them all (premium, counters, subscription and
 * email are not the user's to change, §7.6) rather than failing on the first. {@code
 * notifications_enabled} is true or false (absent or null keeps it); {@code locale} is en or tr and
 * cannot be cleared.
 */
public record ProfilePatch(
    Optional<@Size(max = 80, message = "at most 80 characters") String> displayName,
    Optional<@Pattern(regexp = "male|female", message = "must be male, female or null") String>
        gender,
    Optional<@HttpsUrl String> avatarUrl,
    Boolean notificationsEnabled,
    @Pattern(regexp = "en|tr", message = "must be en or tr") String locale,
    @JsonAnySetter Map<String, Object> refused) {

  public ProfilePatch {
    displayName = trimmed(displayName);
    gender = trimmed(gender);
    avatarUrl = trimmed(avatarUrl);
    refused = refused == null ? Map.of() : new LinkedHashMap<>(refused);
  }

  private static Optional<String> trimmed(Optional<String> value) {
    return value == null ? null : value.map(String::trim).filter(v -> !v.isEmpty());
  }

  /** An absolute https URL with a host, at most 2000 characters (what an upload's url is). */
  @Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = HttpsUrl.Validator.class)
  public @interface HttpsUrl {
    String message() default "must be an https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HttpsUrl, String> {
      @Override
      public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
          return true;
        }
        try {
          URI uri = URI.create(value);
          return "https".equals(uri.getScheme()) && uri.getHost() != null && value.length() <= 2000;
        } catch (IllegalArgumentException e) {
          return false;
        }
      }
    }
  }
}
