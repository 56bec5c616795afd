package ai.monzie.generation.quota;

import ai.monzie.generation.snapshot.UserSnapshots;
import ai.monzie.platform.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "usage", description = "The daily generation quota")
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  private final DailyQuota quota;
  private final UserSnapshots users;
  private final JsonWebToken jwt;

  UsageResource(DailyQuota quota, UserSnapshots users, JsonWebToken jwt) {
    this.quota = quota;
    this.users = users;
    this.jwt = jwt;
  }

  @GET
  @Path("/today")
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "getUsageToday",
      summary = "Today's generation usage",
      description =
          "used, limit (null for premium: no limit) and resets_at (the next UTC midnight).")
  @APIResponse(
      responseCode = "200",
      description = "Today's usage",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Usage.class)))
  public Uni<Usage> today() {
    UUID user = Caller.id(jwt);
    return users.isPremium(user).flatMap(premium -> quota.usageToday(user, premium));
  }
}
