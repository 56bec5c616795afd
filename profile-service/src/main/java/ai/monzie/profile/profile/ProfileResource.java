package ai.monzie.profile.profile;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import ai.monzie.platform.problem.Problem;
import ai.monzie.platform.problem.ProblemException;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "profiles", description = "Your profile; operators read any")
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
  @Operation(
      operationId = "getMyProfile",
      summary = "Your profile",
      description =
          "With generation_count, favorite_count and the premium state (evaluated against the clock).")
  @APIResponse(
      responseCode = "200",
      description = "Your profile",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Profile.class)))
  public Uni<Profile> me() {
    return profiles.me(caller());
  }

  @PATCH
  @Path("/me")
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "updateMyProfile",
      summary = "Change your profile",
      description =
          "Only display_name, gender, avatar_url, notifications_enabled and locale (en or tr: the language of the account's mails and pushes) can change (any other field is 400); null clears one of the first three (null keeps notifications_enabled and locale); absent ones keep their value.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      additionalProperties = Schema.False.class,
                      properties = {
                        @SchemaProperty(
                            name = "display_name",
                            type = SchemaType.STRING,
                            nullable = true,
                            maxLength = 80),
                        @SchemaProperty(
                            name = "gender",
                            type = SchemaType.STRING,
                            nullable = true,
                            enumeration = {"male", "female"}),
                        @SchemaProperty(
                            name = "avatar_url",
                            type = SchemaType.STRING,
                            nullable = true,
                            pattern = "^https://\\S+$",
                            description = "An https URL, e.g. an upload's url"),
                        @SchemaProperty(
                            name = "notifications_enabled",
                            type = SchemaType.BOOLEAN,
                            description = "Push notifications to your devices (default true)"),
                        @SchemaProperty(
                            name = "locale",
                            type = SchemaType.STRING,
                            enumeration = {"en", "tr"})
                      })))
  @APIResponse(
      responseCode = "200",
      description = "The changed profile",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Profile.class)))
  @APIResponse(responseCode = "400", description = "A field that cannot change, or a bad value")
  public Uni<Profile> patch(@NotNull @Valid ProfilePatch body) {
    return profiles.patch(caller(), body);
  }

  @DELETE
  @Path("/me")
  // a 204 has no body, so a generated client accepts only its failures' problem+json: not a 406
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "deleteMyProfile",
      summary = "Delete your account",
      description = "Deletes the account; every service forgets the user (user.deleted).")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Uni<Response> delete() {
    return profiles.delete(caller()).replaceWith(Response.noContent().build());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed("service_role")
  @Operation(
      operationId = "getProfile",
      summary = "Any profile (operators)",
      description = "A profile by user id, for operators (service_role).")
  @APIResponse(
      responseCode = "200",
      description = "The profile",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Profile.class)))
  @APIResponse(responseCode = "404", description = "No profile with this id")
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
