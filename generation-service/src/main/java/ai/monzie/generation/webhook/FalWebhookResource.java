package ai.monzie.generation.webhook;

import ai.monzie.generation.model.FalImageModel;
import ai.monzie.generation.worker.ProviderResults;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
@Path(FalImageModel.WEBHOOK_PATH)
@Produces(MediaType.APPLICATION_JSON)
public class FalWebhookResource {

  static final String REQUEST_ID = "X-Fal-Webhook-Request-Id";
  static final String USER_ID = "X-Fal-Webhook-User-Id";
  static final String TIMESTAMP = "X-Fal-Webhook-Timestamp";
  static final String SIGNATURE = "X-Fal-Webhook-Signature";

  private final FalWebhooks webhooks;

  FalWebhookResource(FalWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @POST
  @PermitAll
  @Consumes(MediaType.WILDCARD) // the raw bytes: the signature covers their SHA-256
  @Operation(
      operationId = "receiveFalResult",
      summary = "fal.ai webhook",
      description =
          "fal calls this when a generation it queued (submitted with ?fal_webhook=) is done. Not"
              + " for apps: authorised by fal's ED25519 signature (X-Fal-Webhook-Signature, hex,"
              + " over request id, user id, timestamp and the SHA-256 of the raw body, by a key"
              + " of fal's JWKS) with a timestamp within 5 minutes. status OK completes the"
              + " generation with payload.images[0]; ERROR fails it and gives the unit back. A"
              + " replay, or a result for a cancelled generation, answers 200 and changes"
              + " nothing.")
  @Parameter(
      name = REQUEST_ID,
      in = ParameterIn.HEADER,
      required = true,
      description = "fal's request id")
  @Parameter(
      name = USER_ID,
      in = ParameterIn.HEADER,
      required = true,
      description = "fal's user id")
  @Parameter(
      name = TIMESTAMP,
      in = ParameterIn.HEADER,
      required = true,
      description = "Unix seconds when fal signed the call")
  @Parameter(
      name = SIGNATURE,
      in = ParameterIn.HEADER,
      required = true,
      description = "Hex ED25519 signature")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      additionalProperties = Schema.True.class,
                      requiredProperties = {"request_id", "status"},
                      properties = {
                        @SchemaProperty(name = "request_id", type = SchemaType.STRING),
                        @SchemaProperty(name = "gateway_request_id", type = SchemaType.STRING),
                        @SchemaProperty(
                            name = "status",
                            type = SchemaType.STRING,
                            enumeration = {"OK", "ERROR"}),
                        @SchemaProperty(
                            name = "payload",
                            type = SchemaType.OBJECT,
                            nullable = true,
                            description =
                                "The model's result ({images: [{url, width, height, content_type}],"
                                    + " seed, has_nsfw_concepts}), or the error's details"),
                        @SchemaProperty(name = "error", type = SchemaType.STRING, nullable = true),
                        @SchemaProperty(
                            name = "payload_error",
                            type = SchemaType.STRING,
                            nullable = true)
                      })))
  @APIResponse(
      responseCode = "200",
      description = "Applied, or ignored because the generation had already ended",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      properties = {
                        @SchemaProperty(name = "received", type = SchemaType.BOOLEAN),
                        @SchemaProperty(
                            name = "outcome",
                            type = SchemaType.STRING,
                            enumeration = {"succeeded", "failed", "already_ended"})
                      })))
  @APIResponse(responseCode = "400", description = "Not a fal webhook body")
  @APIResponse(
      responseCode = "401",
      description = "Unsigned, forged, or with a timestamp more than 5 minutes off")
  @APIResponse(
      responseCode = "404",
      description = "No generation waits for this request id (fal retries the delivery)")
  @APIResponse(
      responseCode = "503",
      description =
          "The result or fal's keys could not be fetched now (fal retries; the job is also polled)")
  public Uni<Map<String, Object>> receive(
      @HeaderParam(REQUEST_ID) String requestId,
      @HeaderParam(USER_ID) String userId,
      @HeaderParam(TIMESTAMP) String timestamp,
      @HeaderParam(SIGNATURE) String signature,
      byte[] body) {
    return webhooks
        .receive(new FalWebhookSignature.Headers(requestId, userId, timestamp, signature), body)
        .map(
            settled -> {
              if (settled == ProviderResults.Settled.NOT_YET) {
                throw new ProblemException(
                    ProblemType.UNAVAILABLE,
                    "The result could not be fetched now; deliver it again later.");
              }
              return FalWebhooks.received(settled);
            });
  }
}
