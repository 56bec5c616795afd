package ai.monzie.generation.image;

import ai.monzie.generation.CurrentUser;
import ai.monzie.generation.Ids;
import ai.monzie.generation.generation.GenerationResource;
import ai.monzie.generation.generation.GenerationService;
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
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The owner's history; another user's image is 404 for every verb, never 403. */
@Path("/v1/images")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("authenticated")
public class ImageResource {

  private final ImageService images;
  private final GenerationService generations;
  private final JsonWebToken jwt;

  ImageResource(ImageService images, GenerationService generations, JsonWebToken jwt) {
    this.images = images;
    this.generations = generations;
    this.jwt = jwt;
  }

  @GET
  @Operation(summary = "Your images, newest first, keyset pagination; favorite=true filters")
  public Uni<ImagePage> list(
      @QueryParam("favorite") String favorite,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return images.history(CurrentUser.id(jwt), favorite, limit, cursor);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of your images")
  public Uni<ImageView> get(@PathParam("id") String id) {
    return images.get(CurrentUser.id(jwt), parse(id));
  }

  @PATCH
  @Path("/{id}")
  @Operation(summary = "Mark or unmark an image as favorite")
  public Uni<ImageView> update(@PathParam("id") String id, @NotNull @Valid FavoriteInput input) {
    return images.setFavorite(CurrentUser.id(jwt), parse(id), input.isFavorite());
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete an image and its files")
  public Uni<Response> delete(@PathParam("id") String id) {
    return images.delete(CurrentUser.id(jwt), parse(id)).replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/{id}/enhance")
  @Operation(summary = "A new generation that upscales and enhances this image (counts as one)")
  public Uni<Response> enhance(
      @PathParam("id") String id,
      @HeaderParam(GenerationResource.IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .enhance(CurrentUser.id(jwt), parse(id), idempotencyKey)
        .map(
            view ->
                Response.accepted(view)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .location(URI.create("/v1/generations/" + view.id()))
                    .build());
  }

  private static UUID parse(String id) {
    return Ids.parse(id, () -> new ImageNotFound(id));
  }
}
