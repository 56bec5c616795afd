package ai.monzie.profile.profile;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import ai.monzie.platform.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

  private final ProfileService profiles;
  private final JsonWebToken jwt;

  ProfileResource(ProfileService profiles, JsonWebToken jwt) {
    this.profiles = profiles;
    this.jwt = jwt;
  }

  @GET
  @Path("/me")
  @RolesAllowed("authenticated")
  @Operation(summary = "The caller's profile with generation_count, favorite_count, premium state")
  public Uni<Profile> me() {
    return profiles.me(caller());
  }

  @PATCH
  @Path("/me")
  @RolesAllowed("authenticated")
  @Operation(summary = "Change display_name, gender or avatar_url (nothing else)")
  public Uni<Profile> patch(JsonNode body) {
    return profiles.patch(caller(), body);
  }

  @DELETE
  @Path("/me")
  @RolesAllowed("authenticated")
  @Operation(summary = "Delete the account: every service forgets the user")
  public Uni<Response> delete() {
    return profiles.delete(caller()).replaceWith(Response.noContent().build());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed("service_role")
  @Operation(summary = "Any profile (operators)")
  public Uni<Profile> get(@PathParam("id") String id) {
    return profiles.get(
        Ids.parse(
            id,
            () ->
                new ProblemException(ProfileService.PROFILE_NOT_FOUND, "No profile " + id + ".")));
  }

  private UUID caller() {
    return Caller.id(jwt);
  }
}
