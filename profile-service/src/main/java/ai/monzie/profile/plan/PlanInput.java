package ai.monzie.profile.plan;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Operator input for a plan; on PATCH, absent (null) fields keep their value and {@code key} cannot
 * be sent (it is the path). Cross-field rules (a subscription has period_days, a pack has none and
 * is never unlimited) are checked by {@link PlanService}.
 */
public record PlanInput(
    @NotBlank(groups = OnCreate.class)
        @Size(max = 60)
        @Pattern(regexp = KEY_PATTERN, message = "lowercase letters, digits and '_'")
        @Schema(maxLength = 60, pattern = KEY_PATTERN)
        String key,
    @NotBlank(groups = OnCreate.class) @Size(max = 80) @Schema(maxLength = 80) String displayName,
    @NotNull(groups = OnCreate.class)
        @DecimalMin("0.00")
        @DecimalMax("10000.00")
        @Digits(integer = 5, fraction = 2)
        @Schema(minimum = "0", maximum = "10000")
        BigDecimal priceUsd,
    @NotNull(groups = OnCreate.class)
        @PositiveOrZero
        @Max(MAX_CREDITS)
        @Schema(minimum = "0", maximum = "1000000")
        Integer credits,
    @Positive @Max(3660) @Schema(minimum = "1", maximum = "3660", nullable = true)
        Integer periodDays,
    Boolean unlimited,
    @NotNull(groups = OnCreate.class)
        @Pattern(regexp = "subscription|pack", message = "subscription or pack")
        @Schema(enumeration = {"subscription", "pack"})
        String kind,
    @NotEmpty(groups = OnCreate.class) @Size(max = 20) @Schema(maxItems = 20)
        List<
                @NotBlank @Size(max = 200)
                @Pattern(regexp = PRODUCT_PATTERN, message = "a store product id") String>
            storeProductIds,
    @PositiveOrZero @Max(100000) Integer displayOrder,
    @Schema(description = "PATCH only: true brings a deleted plan back") Boolean active) {

  static final String KEY_PATTERN = "^[a-z0-9_]+$";
  static final String PRODUCT_PATTERN = "^[A-Za-z0-9._:\\-]+$";
  static final int MAX_CREDITS = 1_000_000;

  /** Validation group of the fields a new plan must have. */
  public interface OnCreate extends jakarta.validation.groups.Default {}
}
