package ai.monzie.profile.account;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "auth", description = "Accounts and tokens")
@Path("/.well-known/jwks.json")
public class JwksResource {

  private final SigningKey key;

  JwksResource(SigningKey key) {
    this.key = key;
  }

  @GET
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "getJwks",
      summary = "The token verification keys (JWKS)",
      description =
          "The public RS256 keys, with key ids, that verify access tokens; cacheable for 5 minutes.")
  @APIResponse(
      responseCode = "200",
      description = "A JSON Web Key Set (RFC 7517)",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      requiredProperties = "keys",
                      properties =
                          @SchemaProperty(
                              name = "keys",
                              type = SchemaType.ARRAY,
                              implementation = java.util.Map.class,
                              description = "RSA public keys (kty, kid, use, alg, n, e)"))))
  public Response jwks() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(key.jwks()).cacheControl(cache).build();
  }
}
