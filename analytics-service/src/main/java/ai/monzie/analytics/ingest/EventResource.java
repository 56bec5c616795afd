package ai.monzie.analytics.ingest;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.ClientAddress;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "events", description = "App event ingestion")
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

  private final BatchValidator validator;
  private final EventWriter writer;
  private final RateLimiter limiter;
  private final CurrentIdentityAssociation identity;

  EventResource(
      BatchValidator validator,
      EventWriter writer,
      RateLimiter limiter,
      CurrentIdentityAssociation identity) {
    this.validator = validator;
    this.writer = writer;
    this.limiter = limiter;
    this.identity = identity;
  }

  @POST
  @PermitAll
  @Operation(
      operationId = "ingestEvents",
      summary = "Send a batch of app events",
      description =
          "A token is optional: with one, the events are the token's user's (the user id comes from the token only); without, they are anonymous. A bad event rejects the whole batch (400 naming its index); rate-limited per user or client.")
  @SecurityRequirementsSet
  @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = EventBatchBody.class)))
  @APIResponse(
      responseCode = "202",
      description = "Stored",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      requiredProperties = "accepted",
                      properties =
                          @SchemaProperty(
                              name = "accepted",
                              type = SchemaType.INTEGER,
                              format = "int32",
                              description = "Events stored"))))
  @APIResponse(
      responseCode = "401",
      description = "A token was sent and it is not valid (never silently anonymous)")
  @APIResponse(
      responseCode = "413",
      description = "More events than monzie.analytics.max-batch-size (500)")
  @APIResponse(
      responseCode = "429",
      description = "Too many batches from this user or client (Retry-After: seconds)")
  public Uni<Response> ingest(
      EventBatchBody body,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServerRequest request) {
    return caller(authorization)
        .flatMap(
            userId -> {
              String client =
                  userId != null ? "user:" + userId : "addr:" + ClientAddress.of(request);
              long wait = limiter.acquire(client);
              if (wait > 0) {
                throw new ProblemException(
                    ProblemType.TOO_MANY_REQUESTS,
                    "Too many event batches from this client; retry in " + wait + " s.",
                    Map.of("retry_after", wait));
              }
              var events = validator.validate(body, userId);
              return writer
                  .insert(events)
                  .map(n -> Response.accepted(Map.of("accepted", n)).build());
            });
  }

  /** No token: anonymous. A token that does not verify: 401, never silently anonymous. */
  private Uni<UUID> caller(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return Uni.createFrom().nullItem();
    }
    return identity
        .getDeferredIdentity()
        .map(
            id -> {
              if (id.isAnonymous() || !(id.getPrincipal() instanceof JsonWebToken jwt)) {
                throw new AuthenticationFailedException("invalid token");
              }
              return Caller.id(jwt);
            });
  }
}
