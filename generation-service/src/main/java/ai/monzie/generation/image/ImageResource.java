package ai.monzie.generation.image;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import ai.monzie.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The owner's history; another user's image is 404 for every verb, never 403. Enhancing an image
 * queues a generation, so it is served by {@code generation.EnhanceResource} under this path.
 */
@Tag(
    name = "images",
    description = "Your generated images: history, favorites, deletion, enhancement")
@Path("/v1/images")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("authenticated")
public class ImageResource {

  private final ImageService images;
  private final JsonWebToken jwt;

  ImageResource(ImageService images, JsonWebToken jwt) {
    this.images = images;
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

  private static UUID parse(String id) {
    return Ids.parse(id, () -> new ImageNotFound(id));
  }
}
