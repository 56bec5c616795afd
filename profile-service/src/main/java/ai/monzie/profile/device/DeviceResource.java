package ai.monzie.profile.device;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "devices", description = "Your phones' push tokens, for notifications")
@Path("/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("authenticated")
public class DeviceResource {

  private final DeviceService devices;
  private final JsonWebToken jwt;

  DeviceResource(DeviceService devices, JsonWebToken jwt) {
    this.devices = devices;
    this.jwt = jwt;
  }

  @GET
  @Operation(
      operationId = "listMyDevices",
      summary = "Your devices",
      description = "The push tokens registered to you, most recently registered first.")
  @APIResponse(
      responseCode = "200",
      description = "Your devices",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Device.Devices.class)))
  public Uni<Device.Devices> list() {
    return devices.list(Caller.id(jwt)).map(Device.Devices::new);
  }

  @PUT
  @Path("/{token}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "registerDevice",
      summary = "Register a push token",
      description =
          "Registers the token to you (idempotent). A token registered to another account moves to"
              + " you: the phone has one signed-in user. You keep at most"
              + " monzie.push.max-devices-per-user (10); the least recently registered are dropped.")
  @APIResponse(
      responseCode = "200",
      description = "Registered",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Device.class)))
  public Uni<Device> register(
      @Parameter(
              description =
                  "An Expo push token (ExponentPushToken[...]) or an FCM registration token"
                      + " (at most 4096 characters), URL-encoded",
              schema = @Schema(maxLength = PushTokens.MAX_LENGTH))
          @PathParam("token")
          String token,
      @NotNull @Valid DeviceRegistration body) {
    return devices.register(Caller.id(jwt), token, body);
  }

  @DELETE
  @Path("/{token}")
  // a 204 has no body, so a generated client accepts only its failures' problem+json: not a 406
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "unregisterDevice",
      summary = "Unregister a push token",
      description = "Stops pushes to this token. Only your own tokens: any other is 404.")
  @APIResponse(responseCode = "204", description = "Unregistered")
  @APIResponse(responseCode = "404", description = "No such token of yours")
  public Uni<Response> unregister(@PathParam("token") String token) {
    return devices.unregister(Caller.id(jwt), token).replaceWith(Response.noContent().build());
  }
}
