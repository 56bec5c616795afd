package ai.monzie.generation.share;

import ai.monzie.platform.problem.Problem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A shared image, for anyone holding its token (no account). The JSON and the page are cached
 * briefly (a revocation shows within a minute); the files forever: a token names one image that
 * never changes, and a revoked token answers 404 to every path here.
 */
@Tag(name = "shared", description = "Public share links")
@Path("/v1/shared/{token}")
@PermitAll
public class SharedResource {

  private static final String SHORT = "public, max-age=60";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private final ShareService shares;
  private final Template page;

  SharedResource(ShareService shares, @Location("shared.html") Template page) {
    this.shares = shares;
    this.page = page;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "getSharedImage",
      summary = "A shared image",
      description =
          "JSON by default; with Accept: text/html a small page with Open Graph tags (no"
              + " JavaScript) so a link previews in messaging apps. Each view publishes"
              + " image.share_viewed. No user id, email or name.")
  @APIResponse(
      responseCode = "200",
      description = "The shared image",
      headers = @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)),
      content = {
        @Content(
            mediaType = "application/json",
            schema = @Schema(implementation = SharedImage.class)),
        @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING))
      })
  @APIResponse(responseCode = "404", description = "Unknown or revoked link")
  public Uni<Response> get(
      @PathParam("token") String token, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    boolean html = wantsHtml(accept);
    return shares
        .view(token, html ? "html" : "json")
        .map(
            image ->
                html
                    ? Response.ok(
                        page.data("image", image)
                            .data("pageUrl", image.imageUrl().replaceAll("/image$", ""))
                            .render(),
                        MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    : Response.ok(image, MediaType.APPLICATION_JSON_TYPE))
        .map(ok -> ok.header(HttpHeaders.CACHE_CONTROL, SHORT).build())
        .onFailure(ShareNotFound.class)
        .recoverWithItem(e -> notFound((ShareNotFound) e));
  }

  @GET
  @Path("/image")
  @Operation(
      operationId = "getSharedImageFile",
      summary = "The shared image's bytes",
      description = "Public and immutable: cache it anywhere; 404 once the link is revoked.")
  @APIResponse(
      responseCode = "200",
      description = "The image (cacheable for a year, immutable)",
      content =
          @Content(
              mediaType = "image/png",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "Unknown or revoked link")
  public Uni<Response> image(@PathParam("token") String token) {
    return file(token, false);
  }

  @GET
  @Path("/thumbnail")
  @Operation(
      operationId = "getSharedThumbnail",
      summary = "The shared image's thumbnail",
      description = "A JPEG of at most monzie.images.thumbnail-size px; public and immutable.")
  @APIResponse(
      responseCode = "200",
      description = "The thumbnail (cacheable for a year, immutable)",
      content =
          @Content(
              mediaType = "image/jpeg",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "Unknown or revoked link")
  public Uni<Response> thumbnail(@PathParam("token") String token) {
    return file(token, true);
  }

  private Uni<Response> file(String token, boolean thumbnail) {
    return shares
        .file(token, thumbnail)
        .map(
            object ->
                Response.ok(object.bytes(), object.contentType())
                    .header(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                    .header("X-Content-Type-Options", "nosniff")
                    .build())
        .onFailure(ShareNotFound.class)
        .recoverWithItem(e -> notFound((ShareNotFound) e));
  }

  /** A 404 cached as briefly as a 200, so a CDN forgets a revoked link within a minute. */
  private static Response notFound(ShareNotFound e) {
    CacheControl cache = CacheControl.valueOf(SHORT);
    return Response.status(404)
        .type(Problem.MEDIA_TYPE)
        .entity(e.toProblem())
        .cacheControl(cache)
        .build();
  }

  private static boolean wantsHtml(String accept) {
    return accept != null
        && accept.contains(MediaType.TEXT_HTML)
        && !accept.startsWith(MediaType.APPLICATION_JSON);
  }
}
