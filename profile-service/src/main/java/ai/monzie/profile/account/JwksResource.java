package ai.monzie.profile.account;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/.well-known/jwks.json")
public class JwksResource {

  private final SigningKey key;

  JwksResource(SigningKey key) {
    this.key = key;
  }

  @GET
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The public keys that verify access tokens (RS256), with key ids")
  public Response jwks() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(300);
    return Response.ok(key.jwks()).cacheControl(cache).build();
  }
}
