package ai.monzie.generation.generation;

import ai.monzie.generation.image.ImageView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A generation as the API and the status stream show it; {@code image} once it succeeded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// NON_NULL: a status event of the stream carries only id, status and what changed
@Schema(requiredProperties = {"id", "status"})
public record GenerationView(
    UUID id,
    String status,
    UUID sceneId,
    String model,
    Boolean isEnhance,
    OffsetDateTime createdAt,
    ImageView image,
    String error,
    @Schema(description = "Place in line while queued, 1 = next") Integer queuePosition,
    @Schema(
            description =
                "Estimated seconds until it is done while queued (from the provider's recent jobs)")
        Integer etaSeconds) {

  /** The same generation with its place in line (queued jobs only). */
  public GenerationView inLine(QueuePlaces.Place place) {
    return place == null
        ? this
        : new GenerationView(
            id,
            status,
            sceneId,
            model,
            isEnhance,
            createdAt,
            image,
            error,
            place.position(),
            place.etaSeconds());
  }
}
