package ai.monzie.generation.storage;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import ai.monzie.platform.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serves stored files to whoever holds a valid signed URL (issued to the owner only). */
@Tag(name = "files", description = "Stored images behind signed URLs")
@Path("/v1/files")
public class FileResource {

  public static final ProblemType LINK_INVALID =
      new ProblemType("file-link-invalid", "File link invalid or expired", 403);

  private final FileSigner signer;
  private final ObjectStore store;

  FileResource(FileSigner signer, ObjectStore store) {
    this.signer = signer;
    this.store = store;
  }

  @GET
  // every stored key is users/<user id>/<folder>/<file> (ObjectKeys): one path segment per part,
  // so the OpenAPI document can describe the URL exactly (a {key: .+} with slashes it cannot)
  @Path("/users/{user_id}/{folder}/{file}")
  @PermitAll
  @Operation(
      operationId = "getFile",
      summary = "A stored image, through a signed URL",
      description =
          "Public, but only with the expires and sig of a URL the API issued to the owner; the URL is short-lived.")
  @Parameter(
      name = "expires",
      in = ParameterIn.QUERY,
      required = true,
      description = "Expiry, epoch seconds, as issued",
      schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
  @Parameter(
      name = "sig",
      in = ParameterIn.QUERY,
      required = true,
      description = "Signature, as issued")
  @APIResponse(
      responseCode = "200",
      description = "The image bytes",
      content = {
        @Content(
            mediaType = "image/jpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "image/png",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "image/webp",
            schema = @Schema(type = SchemaType.STRING, format = "binary"))
      })
  @APIResponse(responseCode = "403", description = "The link is not valid or has expired")
  @APIResponse(responseCode = "404", description = "The file does not exist (any more)")
  public Uni<Response> get(
      @PathParam("user_id") @Parameter(description = "The owner's user id") String userId,
      @PathParam("folder")
          @Parameter(
              description = "What the file is",
              schema = @Schema(enumeration = {"images", "uploads", "avatars"}))
          String folder,
      @PathParam("file") @Parameter(description = "The file name, as issued") String file,
      @QueryParam("expires") String expires,
      @QueryParam("sig") String sig) {
    String key = "users/" + userId + "/" + folder + "/" + file;
    long expiry = parseExpiry(expires);
    if (!ObjectKeys.isSafe(key) || !signer.verifies(key, expiry, sig)) {
      throw new ProblemException(
          LINK_INVALID, "This file link is not valid. Ask the API for a fresh one.");
    }
    if (signer.expired(expiry)) {
      throw new ProblemException(
          LINK_INVALID, "This file link has expired. Ask the API for a fresh one.");
    }
    long maxAge = Math.max(0, expiry - signer.now().getEpochSecond());
    return store
        .get(key)
        .map(
            found -> {
              ObjectStore.StoredObject object =
                  found.orElseThrow(
                      () ->
                          new ProblemException(ProblemType.NOT_FOUND, "This file does not exist."));
              CacheControl cache = new CacheControl();
              cache.setPrivate(true); // a user's photo: browsers may keep it, shared caches not
              cache.setMaxAge((int) Math.min(Integer.MAX_VALUE, maxAge));
              return Response.ok(object.bytes(), object.contentType())
                  .cacheControl(cache)
                  .header("X-Content-Type-Options", "nosniff")
                  .build();
            });
  }

  private static long parseExpiry(String expires) {
    try {
      return Long.parseLong(expires);
    } catch (NumberFormatException | NullPointerException e) {
      throw new ProblemException(
          LINK_INVALID, "This file link is not valid. Ask the API for a fresh one.");
    }
  }
}
