package ai.monzie.generation.generation;

import ai.monzie.generation.CurrentUser;
import ai.monzie.generation.Ids;
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
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/v1/generations")
@RolesAllowed("authenticated")
public class GenerationResource {

  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final GenerationService generations;
  private final StatusStream stream;
  private final JsonWebToken jwt;

  GenerationResource(GenerationService generations, StatusStream stream, JsonWebToken jwt) {
    this.generations = generations;
    this.stream = stream;
    this.jwt = jwt;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Request a generation: reserves a unit of today's quota, queues a job")
  public Uni<Response> create(
      @NotNull @Valid GenerationRequest request,
      @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .request(CurrentUser.id(jwt), request, idempotencyKey)
        .map(GenerationResource::accepted);
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One of your generations: status, and the image once it succeeded")
  public Uni<GenerationView> get(@PathParam("id") String id) {
    UUID generationId = Ids.parse(id, () -> GenerationProblems.generationNotFound(id));
    return generations.find(CurrentUser.id(jwt), generationId);
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Server-Sent Events of your generations' status changes, with heartbeats")
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    return stream.of(CurrentUser.id(jwt), sse);
  }

  static Response accepted(GenerationView view) {
    return Response.accepted(view)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .location(URI.create("/v1/generations/" + view.id()))
        .build();
  }
}
