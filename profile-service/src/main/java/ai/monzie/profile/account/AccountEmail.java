package ai.monzie.profile.account;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An account's email as sent: once {@linkplain Validator#normalise normalised}, at most 254
 * characters and shaped like an address (so it has an {@code @}). Null is left to
 * {@code @NotBlank}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AccountEmail.Validator.class)
public @interface AccountEmail {

  /** RFC 5321 caps a forward path at 256, i.e. 254 characters of address. */
  int MAX_LENGTH = 254;

  String message() default "not an email address";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<AccountEmail, String> {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

    /** The one spelling an email is stored, counted and compared under. */
    public static String normalise(String email) {
      return email.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean isValid(String email, ConstraintValidatorContext context) {
      if (email == null) {
        return true; // @NotBlank names it "required"
      }
      if (email.chars().anyMatch(Character::isISOControl)) {
        return false; // CR/LF would smuggle headers into the mails sent to this address
      }
      String normalised = normalise(email);
      return normalised.length() <= MAX_LENGTH && SHAPE.matcher(normalised).matches();
    }
  }
}
