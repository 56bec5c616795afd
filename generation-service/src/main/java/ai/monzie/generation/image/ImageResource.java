package ai.monzie.generation.image;

import ai.monzie.generation.PublicUrls;
import ai.monzie.generation.generation.GenerationResource;
import ai.monzie.generation.generation.GenerationService;
import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import ai.monzie.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** The owner's history; another user's image is 404 for every verb, never 403. */
@Tag(
    name = "images",
    description = "Your generated images: history, favorites, deletion, enhancement")
@Path("/v1/images")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("authenticated")
public class ImageResource {

  private final ImageService images;
  private final GenerationService generations;
  private final PublicUrls urls;
  private final JsonWebToken jwt;

  ImageResource(
      ImageService images, GenerationService generations, PublicUrls urls, JsonWebToken jwt) {
    this.images = images;
    this.generations = generations;
    this.urls = urls;
    this.jwt = jwt;
  }

  @GET
  @Operation(
      operationId = "listImages",
      summary = "Your images, newest first",
      description = "Keyset pagination with next_cursor; favorite=true (or false) filters.")
  @Parameter(
      name = "favorite",
      in = ParameterIn.QUERY,
      description = "Only favorites (true) or only the others (false)",
      schema = @Schema(type = SchemaType.BOOLEAN))
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description =
          "Page size (monzie.images.default-page-size, at most monzie.images.max-page-size)",
      schema =
          @Schema(
              type = SchemaType.INTEGER,
              format = "int32",
              minimum = "1",
              maximum = "100",
              defaultValue = "20"))
  @Parameter(
      name = "cursor",
      in = ParameterIn.QUERY,
      description = "next_cursor of the previous page, as returned")
  @APIResponse(
      responseCode = "200",
      description = "One page",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ImagePage.class)))
  public Uni<ImagePage> list(
      @QueryParam("favorite") String favorite,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return images.history(Caller.id(jwt), favorite, limit, cursor);
  }

  @GET
  @Path("/{id}")
  @Operation(
      operationId = "getImage",
      summary = "One of your images",
      description = "With fresh signed URLs; another user's image is 404.")
  @APIResponse(
      responseCode = "200",
      description = "The image",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ImageView.class)))
  @APIResponse(responseCode = "404", description = "No image of yours with this id")
  public Uni<ImageView> get(@PathParam("id") String id) {
    return images.get(Caller.id(jwt), parse(id));
  }

  @PATCH
  @Path("/{id}")
  @Operation(
      operationId = "updateImage",
      summary = "Mark or unmark an image as favorite",
      description =
          "Only is_favorite can change; publishes image.favorited or image.unfavorited when it does.")
  @APIResponse(
      responseCode = "200",
      description = "The image",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ImageView.class)))
  @APIResponse(responseCode = "404", description = "No image of yours with this id")
  public Uni<ImageView> update(@PathParam("id") String id, @NotNull @Valid FavoriteInput input) {
    return images.setFavorite(Caller.id(jwt), parse(id), input.isFavorite());
  }

  @DELETE
  @Path("/{id}")
  // a 204 has no body, so a generated client accepts only its failures' problem+json: not a 406
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "deleteImage",
      summary = "Delete an image and its files",
      description = "Removes the image and its stored files; publishes image.deleted.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No image of yours with this id")
  public Uni<Response> delete(@PathParam("id") String id) {
    return images.delete(Caller.id(jwt), parse(id)).replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/{id}/enhance")
  @Operation(
      operationId = "enhanceImage",
      summary = "Enhance one of your images",
      description =
          "Queues a new generation that upscales and enhances this image; it counts against the daily quota.")
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
              schema =
                  @Schema(implementation = ai.monzie.generation.generation.GenerationView.class)))
  @APIResponse(responseCode = "404", description = "No image of yours with this id")
  @APIResponse(
      responseCode = "422",
      description = "This Idempotency-Key was used for a different request")
  @APIResponse(
      responseCode = "429",
      description = "Today's generation limit is reached (Retry-After: seconds until it resets)")
  @APIResponse(
      responseCode = "402",
      description =
          "A plan or pack user has no credits left (type .../credits-exhausted, available: 0,"
              + " plans_url: where to buy more)")
  public Uni<Response> enhance(
      @PathParam("id") String id,
      @HeaderParam(GenerationResource.IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .enhance(Caller.id(jwt), parse(id), idempotencyKey)
        .map(view -> GenerationResource.accepted(view, urls));
  }

  private static UUID parse(String id) {
    return Ids.parse(id, () -> new ImageNotFound(id));
  }
}
