package ai.monzie.generation.quota;

import ai.monzie.generation.CurrentUser;
import ai.monzie.generation.snapshot.UserSnapshots;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  private final DailyQuota quota;
  private final UserSnapshots users;
  private final Pool pool;
  private final JsonWebToken jwt;

  UsageResource(DailyQuota quota, UserSnapshots users, Pool pool, JsonWebToken jwt) {
    this.quota = quota;
    this.users = users;
    this.pool = pool;
    this.jwt = jwt;
  }

  @GET
  @Path("/today")
  @RolesAllowed("authenticated")
  @Operation(summary = "Today's generations: used, limit (null for premium), resets_at")
  public Uni<Usage> today() {
    UUID user = CurrentUser.id(jwt);
    return users.isPremium(pool, user).flatMap(premium -> quota.usageToday(pool, user, premium));
  }
}
