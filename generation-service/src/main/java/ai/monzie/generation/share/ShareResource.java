package ai.monzie.generation.share;

import ai.monzie.generation.image.ImageNotFound;
import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import ai.monzie.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The owner makes or revokes an image's share link; another user's image is 404. */
@Path("/v1/images/{id}/share")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("authenticated")
@Tag(name = "images")
public class ShareResource {

  private final ShareService shares;
  private final JsonWebToken jwt;

  ShareResource(ShareService shares, JsonWebToken jwt) {
    this.shares = shares;
    this.jwt = jwt;
  }

  @POST
  @Operation(
      operationId = "shareImage",
      summary = "Make a public link to one of your images",
      description =
          "One link per image: 201 when this call made it (publishes image.shared), 200 with the"
              + " same token when it already existed.")
  @APIResponse(
      responseCode = "201",
      description = "Link made",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Share.class)))
  @APIResponse(
      responseCode = "200",
      description = "The image's existing link",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Share.class)))
  @APIResponse(responseCode = "404", description = "No image of yours with this id")
  public Uni<Response> share(@PathParam("id") String id) {
    return shares
        .share(Caller.id(jwt), parse(id))
        .map(
            made ->
                Response.status(made.created() ? 201 : 200)
                    .entity(made.share())
                    .location(java.net.URI.create(made.share().url()))
                    .build());
  }

  @DELETE
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "unshareImage",
      summary = "Revoke the image's public link",
      description = "The link answers 404 from now on; revoking an image without a link is fine.")
  @APIResponse(responseCode = "204", description = "Revoked (or there was none)")
  @APIResponse(responseCode = "404", description = "No image of yours with this id")
  public Uni<Response> revoke(@PathParam("id") String id) {
    return shares.revoke(Caller.id(jwt), parse(id)).replaceWith(Response.noContent().build());
  }

  private static UUID parse(String id) {
    return Ids.parse(id, () -> new ImageNotFound(id));
  }
}
