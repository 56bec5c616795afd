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
@Path("/v1/webhooks/adapty")
@Produces(MediaType.APPLICATION_JSON)
public class AdaptyWebhookResource {

  private final SubscriptionService subscriptions;
  private final AdaptyConfig config;

  AdaptyWebhookResource(SubscriptionService subscriptions, AdaptyConfig config) {
    this.subscriptions = subscriptions;
    this.config = config;
  }

  @POST
  @PermitAll
  @Operation(
      operationId = "receiveAdaptyEvent",
      summary = "Adapty webhook",
      description =
          "Subscription events from Adapty (event_api_version 1). Not for apps: authorised by the Authorization value configured in Adapty (not a user token). Idempotent by event_properties.profile_event_id; replays and out-of-order events change nothing. Adapty's verification request {adapty_check} is answered with {adapty_check_response}.")
  @Parameter(
      name = "Authorization",
      in = ParameterIn.HEADER,
      required = true,
      description = "The Authorization header value configured in Adapty's webhook settings")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      // Adapty's body carries much more (idfv, attributions, user_attributes, ...)
                      additionalProperties = Schema.True.class,
                      properties = {
                        @SchemaProperty(name = "adapty_check", type = SchemaType.STRING),
                        @SchemaProperty(name = "customer_user_id", type = SchemaType.STRING),
                        @SchemaProperty(name = "profile_id", type = SchemaType.STRING),
                        @SchemaProperty(name = "event_type", type = SchemaType.STRING),
                        @SchemaProperty(name = "event_datetime", type = SchemaType.STRING),
                        @SchemaProperty(
                            name = "event_properties",
                            type = SchemaType.OBJECT,
                            description =
                                "profile_event_id, vendor_product_id, transaction_id, purchase_date, subscription_expires_at, ...")
                      })))
  @APIResponse(
      responseCode = "200",
      description =
          "Received (applied, or ignored as a replay); for a verification request, its answer",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      properties = {
                        @SchemaProperty(name = "received", type = SchemaType.BOOLEAN),
                        @SchemaProperty(name = "adapty_check_response", type = SchemaType.STRING)
                      })))
  @APIResponse(responseCode = "401", description = "Missing or wrong webhook secret")
  public Uni<Map<String, Object>> receive(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode body) {
    WebhookSecret.require(config.webhookSecret(), authorization);
    if (body != null && body.path("adapty_check").isTextual()) {
      return Uni.createFrom()
          .item(Map.of("adapty_check_response", body.get("adapty_check").asText()));
    }
    if (body == null
        || !body.isObject()
        || AdaptyEvents.eventId(body) == null
        || !body.path("event_type").isTextual()) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "event_type and event_properties.profile_event_id are required",
          Map.of("field", "event_properties.profile_event_id"));
    }
    return subscriptions.apply(AdaptyEvents.from(body)).replaceWith(Map.of("received", true));
  }
}
