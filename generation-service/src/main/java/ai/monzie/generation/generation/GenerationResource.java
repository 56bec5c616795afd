package ai.monzie.generation.generation;

import ai.monzie.generation.PublicUrls;
import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/v1/generations")
@RolesAllowed("authenticated")
@SecurityRequirement(name = "jwt")
public class GenerationResource {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final GenerationService generations;
  private final StatusStream stream;
  private final PublicUrls urls;
  private final JsonWebToken jwt;

  GenerationResource(
      GenerationService generations, StatusStream stream, PublicUrls urls, JsonWebToken jwt) {
    this.generations = generations;
    this.stream = stream;
    this.urls = urls;
    this.jwt = jwt;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Request a generation: reserves a unit of today's quota, queues a job")
  public Uni<Response> create(
      @NotNull @Valid GenerationRequest request,
      @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .request(Caller.id(jwt), request, idempotencyKey)
        .map(view -> accepted(view, urls));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One of your generations: status, and the image once it succeeded")
  public Uni<GenerationView> get(@PathParam("id") String id) {
    UUID generationId = Ids.parse(id, () -> GenerationProblems.generationNotFound(id));
    return generations.find(Caller.id(jwt), generationId);
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Server-Sent Events of your generations' status changes, with heartbeats")
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    return stream.of(Caller.id(jwt), sse);
  }

  /** 202 with the generation and its public address (the gateway's, not this instance's). */
  public static Response accepted(GenerationView view, PublicUrls urls) {
    return Response.accepted(view)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .location(urls.uri("/v1/generations/" + view.id()))
        .build();
  }
}
