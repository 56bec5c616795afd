package ai.monzie.generation.generation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** {@code POST /v1/generations}. */
public record GenerationRequest(
    @NotNull UUID sceneId,
    @Size(max = 2000) String originalPhotoUrl,
    @Pattern(regexp = "male|female", message = "must be male or female") String gender,
    @Size(max = 200) String style,
    @Size(max = 40) String imageSize,
    @Size(max = 10) String aspectRatio,
    @Min(0) @Max(Integer.MAX_VALUE) Long seed) {}
