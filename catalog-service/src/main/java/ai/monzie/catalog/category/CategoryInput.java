package ai.monzie.catalog.category;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Operator input for a category; on PATCH, absent (null) fields keep their value. */
public record CategoryInput(
    @NotBlank(groups = OnCreate.class) @Size(max = 80) String name,
    @NotBlank(groups = OnCreate.class)
        @Size(max = 60)
        @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "lowercase words joined by '-'")
        String slug,
    @Size(max = 1000) String description,
    @Size(max = 60) String icon,
    @Size(max = 2000) @Pattern(regexp = "^https://\\S+$", message = "an https URL")
        String thumbnailUrl,
    Boolean isActive,
    @PositiveOrZero Integer orderIndex) {

  /** Validation group of the fields a new category must have. */
  public interface OnCreate extends jakarta.validation.groups.Default {}
}
