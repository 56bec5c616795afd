package ai.monzie.generation.generation;

import ai.monzie.generation.PublicUrls;
import ai.monzie.generation.upload.UploadNotFound;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/uploads/{id}/enhance}: listed with the uploads (tag), served here because it
 * queues a generation (a class of its own: JAX-RS matches the most specific class path first).
 */
@Path("/v1/uploads/{id}/enhance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("authenticated")
public class UploadEnhanceResource {

  private final GenerationService generations;
  private final PublicUrls urls;
  private final JsonWebToken jwt;

  UploadEnhanceResource(GenerationService generations, PublicUrls urls, JsonWebToken jwt) {
    this.generations = generations;
    this.urls = urls;
    this.jwt = jwt;
  }

  @POST
  @Tag(name = "uploads")
  @Operation(
      operationId = "enhanceUpload",
      summary = "Enhance one of your uploaded photos",
      description =
          "Queues a new generation that upscales and enhances this photo (an upload with purpose photo), like enhancing an image: same jobs, quota and events.")
  @Parameter(
      name = "Idempotency-Key",
      in = ParameterIn.HEADER,
      description =
          "Optional: a retry with the same key and body answers the first generation instead of queueing another",
      schema =
          @Schema(
              type = SchemaType.STRING,
              minLength = 1,
              maxLength = 255,
              pattern = "^[\\x21-\\x7e]{1,255}$"))
  @APIResponse(
      responseCode = "202",
      description =
          "Queued (or the generation an earlier request with this Idempotency-Key queued); poll Location or the stream",
      headers =
          @Header(
              name = "Location",
              description = "/v1/generations/{id}",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GenerationView.class)))
  @APIResponse(responseCode = "404", description = "No photo upload of yours with this id")
  @APIResponse(
      responseCode = "422",
      description = "This Idempotency-Key was used for a different request")
  @APIResponse(
      responseCode = "429",
      description = "Today's generation limit is reached (Retry-After: seconds until it resets)")
  public Uni<Response> enhance(
      @PathParam("id") String id,
      @HeaderParam(GenerationResource.IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .enhanceUpload(Caller.id(jwt), parse(id), idempotencyKey)
        .map(view -> GenerationResource.accepted(view, urls));
  }

  private static UUID parse(String id) {
    return Ids.parse(id, () -> new UploadNotFound(id));
  }
}
