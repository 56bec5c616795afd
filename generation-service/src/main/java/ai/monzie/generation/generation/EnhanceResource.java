package ai.monzie.generation.generation;

import ai.monzie.generation.PublicUrls;
import ai.monzie.generation.image.ImageNotFound;
import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/images/{id}/enhance}: listed with the images (tag), served here because it queues
 * a generation; the image package stays free of the generation package.
 */
@Path("/v1/images/{id}/enhance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("authenticated")
public class EnhanceResource {

  private final GenerationService generations;
  private final PublicUrls urls;
  private final JsonWebToken jwt;

  EnhanceResource(GenerationService generations, PublicUrls urls, JsonWebToken jwt) {
    this.generations = generations;
    this.urls = urls;
    this.jwt = jwt;
  }

  @POST
  @Tag(name = "images")
  @Operation(
      operationId = "enhanceImage",
      summary = "Enhance one of your images",
      description =
          "Queues a new generation that upscales and enhances this image; it counts against the daily quota.")
  @Parameter(ref = GenerationApi.IDEMPOTENCY_KEY)
  @APIResponse(responseCode = "202", ref = GenerationApi.QUEUED)
  @APIResponse(responseCode = "404", description = "No image of yours with this id")
  @APIResponse(responseCode = "422", ref = GenerationApi.KEY_REUSED)
  @APIResponse(responseCode = "429", ref = GenerationApi.DAILY_LIMIT)
  @APIResponse(responseCode = "402", ref = GenerationApi.NO_CREDITS)
  public Uni<Response> enhance(
      @PathParam("id") String id,
      @HeaderParam(GenerationApi.IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .enhance(Caller.id(jwt), parse(id), idempotencyKey)
        .map(view -> GenerationApi.accepted(view, urls));
  }

  private static UUID parse(String id) {
    return Ids.parse(id, () -> new ImageNotFound(id));
  }
}
