package ai.monzie.catalog.scene;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Operator input for a scene; on PATCH, absent (null) fields keep their value. */
public record SceneInput(
    @NotBlank(groups = OnCreate.class) @Size(max = 120) String name,
    @Size(max = 2000) String description,
    @NotBlank(groups = OnCreate.class) @Size(max = 60) String category,
    @Size(max = 60) String subcategory,
    @Size(max = 2000) @Pattern(regexp = "^https://\\S+$", message = "an https URL")
        String previewUrl,
    @Size(max = 2000) @Pattern(regexp = "^https://\\S+$", message = "an https URL")
        String thumbnailUrl,
    @NotBlank(groups = OnCreate.class) @Size(max = 4000) String promptTemplate,
    @Size(max = 2000) String negativePrompt,
    @Size(max = 20) List<@NotNull @NotBlank @Size(max = 60) String> styleKeywords,
    Boolean isActive,
    Boolean isPremium,
    @PositiveOrZero Integer orderIndex) {

  /** Validation group of the fields a new scene must have. */
  public interface OnCreate extends jakarta.validation.groups.Default {}
}
