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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "webhooks", description = "Callbacks from third parties")
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
  @Operation(
      operationId = "receiveRevenueCatEvent",
      summary = "RevenueCat webhook",
      description =
          "Entitlement events from RevenueCat. Not for apps: authorised by the shared webhook secret in the Authorization header (not a user token). Replays and out-of-order events are ignored.")
  @Parameter(
      name = "Authorization",
      in = ParameterIn.HEADER,
      required = true,
      description = "The webhook secret configured in RevenueCat (optionally as 'Bearer <secret>')")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      // RevenueCat's envelope carries more than the event (api_version, ...)
                      additionalProperties = Schema.True.class,
                      requiredProperties = "event",
                      properties =
                          @SchemaProperty(
                              name = "event",
                              type = SchemaType.OBJECT,
                              requiredProperties = {"id", "type"},
                              description =
                                  "RevenueCat's event object (id, type, app_user_id, expiration_at_ms, ...)"))))
  @APIResponse(
      responseCode = "200",
      description = "Received (applied, or ignored as a replay)",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      requiredProperties = "received",
                      properties = @SchemaProperty(name = "received", type = SchemaType.BOOLEAN))))
  @APIResponse(responseCode = "401", description = "Missing or wrong webhook secret")
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
    return subscriptions
        .applyRevenueCat(event)
        .replaceWith(Response.ok(Map.of("received", true)).build());
  }

  private void requireSecret(String authorization) {
    WebhookSecret.require(config.webhookSecret(), authorization);
  }
}
