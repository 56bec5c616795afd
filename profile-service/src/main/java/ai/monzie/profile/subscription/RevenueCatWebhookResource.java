package ai.monzie.profile.subscription;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/webhooks/revenuecat")
@Produces(MediaType.APPLICATION_JSON)
public class RevenueCatWebhookResource {

  private final SubscriptionService subscriptions;
  private final RevenueCatConfig config;

  RevenueCatWebhookResource(SubscriptionService subscriptions, RevenueCatConfig config) {
    this.subscriptions = subscriptions;
    this.config = config;
  }

  @POST
  @PermitAll
  @Operation(summary = "RevenueCat entitlement events (shared secret in Authorization)")
  public Uni<Response> receive(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
    requireSecret(authorization);
    JsonNode event = body == null ? null : body.get("event");
    if (event == null
        || !event.isObject()
        || !event.path("id").isTextual()
        || !event.path("type").isTextual()) {
      throw new ProblemException(
          ProblemType.VALIDATION, "event.id and event.type are required", Map.of("field", "event"));
    }
    return subscriptions.apply(event).replaceWith(Response.ok(Map.of("received", true)).build());
  }

  /** Constant-time comparison: the answer time says nothing about how much of a guess was right. */
  private void requireSecret(String authorization) {
    String secret = config.webhookSecret().filter(s -> !s.isBlank()).orElse(null);
    String presented =
        authorization == null ? "" : authorization.replaceFirst("^Bearer\\s+", "").trim();
    if (secret == null
        || !MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      throw new ProblemException(ProblemType.UNAUTHORIZED, "Missing or wrong webhook secret.");
    }
  }
}
