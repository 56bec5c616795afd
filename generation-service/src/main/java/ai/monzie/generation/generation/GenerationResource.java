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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "generations", description = "Generation jobs: request, poll, stream")
@Path("/v1/generations")
@RolesAllowed("authenticated")
public class GenerationResource {

  private final GenerationService generations;
  private final GenerationViews views;
  private final StatusStream stream;
  private final PublicUrls urls;
  private final JsonWebToken jwt;

  GenerationResource(
      GenerationService generations,
      GenerationViews views,
      StatusStream stream,
      PublicUrls urls,
      JsonWebToken jwt) {
    this.generations = generations;
    this.views = views;
    this.stream = stream;
    this.urls = urls;
    this.jwt = jwt;
  }

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createGeneration",
      summary = "Request a generation",
      description =
          "Reserves one unit of today's quota and queues a job for the scene; premium scenes need a premium account.")
  @Parameter(ref = GenerationApi.IDEMPOTENCY_KEY)
  @APIResponse(responseCode = "202", ref = GenerationApi.QUEUED)
  @APIResponse(responseCode = "403", description = "A premium scene and the account is not premium")
  @APIResponse(responseCode = "404", description = "No active scene with this scene_id")
  @APIResponse(responseCode = "422", ref = GenerationApi.KEY_REUSED)
  @APIResponse(responseCode = "429", ref = GenerationApi.DAILY_LIMIT)
  @APIResponse(responseCode = "402", ref = GenerationApi.NO_CREDITS)
  public Uni<Response> create(
      @NotNull @Valid GenerationRequest request,
      @HeaderParam(GenerationApi.IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .request(Caller.id(jwt), request, idempotencyKey)
        .map(view -> GenerationApi.accepted(view, urls));
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "listGenerations",
      summary = "Your generations, newest first",
      description =
          "Keyset pages: pass next_cursor as cursor for the next page. Queued ones carry queue_position (1 = next) and eta_seconds.")
  @Parameter(
      name = "status",
      in = ParameterIn.QUERY,
      description =
          "Comma-separated statuses to include (queued, running, succeeded, failed, cancelled); all when absent",
      schema = @Schema(type = SchemaType.STRING))
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description = "Page size, 1 to monzie.images.max-page-size (100); default 20",
      schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
  @Parameter(
      name = "cursor",
      in = ParameterIn.QUERY,
      description = "next_cursor of the previous page",
      schema = @Schema(type = SchemaType.STRING))
  @APIResponse(
      responseCode = "200",
      description = "A page of generations",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GenerationPage.class)))
  @APIResponse(
      responseCode = "400",
      description = "An unknown status, a limit out of range or a cursor this API did not issue")
  public Uni<GenerationPage> list(
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    return views.list(Caller.id(jwt), status, limit, cursor);
  }

  @POST
  @Path("/{id}/cancel")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "cancelGeneration",
      summary = "Cancel a queued or running generation",
      description =
          "The quota unit comes back at once; a running request is stopped at the provider and a result that arrives later is discarded.")
  @APIResponse(
      responseCode = "200",
      description = "Cancelled",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GenerationView.class)))
  @APIResponse(responseCode = "404", description = "No generation of yours with this id")
  @APIResponse(
      responseCode = "409",
      description = "It already finished (succeeded, failed or cancelled)")
  public Uni<GenerationView> cancel(@PathParam("id") String id) {
    return generations.cancel(Caller.id(jwt), generationId(id));
  }

  @POST
  @Path("/{id}/retry")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "retryGeneration",
      summary = "Retry a failed or cancelled generation",
      description =
          "A new generation with the same inputs (scene, prompts, size, seed, photo); it reserves a unit of today's quota like any other.")
  @Parameter(ref = GenerationApi.IDEMPOTENCY_KEY)
  @APIResponse(responseCode = "202", ref = GenerationApi.QUEUED)
  @APIResponse(responseCode = "404", description = "No generation of yours with this id")
  @APIResponse(responseCode = "409", description = "It is not failed or cancelled")
  @APIResponse(responseCode = "422", ref = GenerationApi.KEY_REUSED)
  @APIResponse(responseCode = "429", ref = GenerationApi.DAILY_LIMIT)
  @APIResponse(responseCode = "402", ref = GenerationApi.NO_CREDITS)
  public Uni<Response> retry(
      @PathParam("id") String id,
      @HeaderParam(GenerationApi.IDEMPOTENCY_KEY) String idempotencyKey) {
    return generations
        .retry(Caller.id(jwt), generationId(id), idempotencyKey)
        .map(view -> GenerationApi.accepted(view, urls));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "getGeneration",
      summary = "One of your generations",
      description =
          "Its status (queued, running, succeeded, failed, cancelled), its place in line while queued, and the image once it succeeded; another user's generation is 404.")
  @APIResponse(
      responseCode = "200",
      description = "The generation",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = GenerationView.class)))
  @APIResponse(responseCode = "404", description = "No generation of yours with this id")
  public Uni<GenerationView> get(@PathParam("id") String id) {
    return views.find(Caller.id(jwt), generationId(id));
  }

  @GET
  @Path("/stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "streamGenerations",
      summary = "Status changes of your generations (Server-Sent Events)",
      description =
          "One event per status change, named after the status, its data a generation as JSON (id, status, image, error); comments as heartbeats. A user holds at most monzie.sse.max-streams-per-user (5) streams: opening one more closes that user's oldest.")
  @APIResponse(
      responseCode = "200",
      description = "An open event stream",
      content =
          @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING)))
  public Multi<OutboundSseEvent> stream(@Context Sse sse) {
    return stream.of(Caller.id(jwt), sse);
  }

  /** Not a UUID: no generation of the caller's has it (404, as for another user's). */
  private static UUID generationId(String id) {
    return Ids.parse(id, () -> GenerationProblems.generationNotFound(id));
  }
}
