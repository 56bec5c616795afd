package ai.monzie.catalog.scene;

import ai.monzie.catalog.CatalogConfig;
import ai.monzie.catalog.http.ConditionalGet;
import ai.monzie.catalog.http.ReadCache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "scenes", description = "Scenes (AI prompt templates): public reads, operator writes")
@Path("/v1/scenes")
@Produces(MediaType.APPLICATION_JSON)
public class SceneResource {

  static final String SERVICE_ROLE = "service_role";

  private final SceneRepository scenes;
  private final SceneService service;
  private final ConditionalGet conditionalGet;
  private final CatalogConfig config;
  private final ReadCache cache;

  SceneResource(
      SceneRepository scenes,
      SceneService service,
      ConditionalGet conditionalGet,
      CatalogConfig config,
      ReadCache cache) {
    this.cache = cache;
    this.scenes = scenes;
    this.service = service;
    this.conditionalGet = conditionalGet;
    this.config = config;
  }

  @GET
  @PermitAll
  @Operation(
      operationId = "listScenes",
      summary = "A page of active scenes",
      description =
          "Active scenes filtered by category, subcategory, premium and full-text q, in order_index or popularity order; keyset pagination with next_cursor. Public; cacheable (ETag).")
  @Parameter(name = "category", in = ParameterIn.QUERY, description = "A category slug")
  @Parameter(name = "subcategory", in = ParameterIn.QUERY, description = "A subcategory")
  @Parameter(
      name = "premium",
      in = ParameterIn.QUERY,
      description = "Only premium (true) or only free (false) scenes",
      schema = @Schema(type = SchemaType.BOOLEAN))
  @Parameter(
      name = "q",
      in = ParameterIn.QUERY,
      description = "Full-text search over name and description",
      schema = @Schema(type = SchemaType.STRING, maxLength = 200))
  @Parameter(
      name = "sort",
      in = ParameterIn.QUERY,
      description = "order (order_index, the default) or popular (usage_count)",
      schema =
          @Schema(
              type = SchemaType.STRING,
              enumeration = {"order", "popular"},
              defaultValue = "order"))
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description =
          "Page size (monzie.catalog.default-page-size, at most monzie.catalog.max-page-size)",
      schema =
          @Schema(
              type = SchemaType.INTEGER,
              format = "int32",
              minimum = "1",
              maximum = "100",
              defaultValue = "20"))
  @Parameter(
      name = "cursor",
      in = ParameterIn.QUERY,
      description = "next_cursor of the previous page, as returned")
  @Parameter(
      name = "If-None-Match",
      in = ParameterIn.HEADER,
      description = "The ETag of a copy you hold: 304 while it is current")
  @APIResponse(
      responseCode = "200",
      description = "One page",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ScenePage.class)))
  @APIResponse(
      responseCode = "304",
      description = "Not modified: If-None-Match still matches the ETag")
  public Uni<Response> list(
      @QueryParam("category") String category,
      @QueryParam("subcategory") String subcategory,
      @QueryParam("premium") String premium,
      @QueryParam("q") String q,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    SceneQuery query =
        SceneQuery.parse(
            category,
            subcategory,
            premium,
            q,
            sort,
            limit,
            cursor,
            config.defaultPageSize(),
            config.maxPageSize());
    return cache
        .get(query.toString(), () -> scenes.page(query).map(conditionalGet::render))
        .map(body -> conditionalGet.ok(body, ifNoneMatch));
  }

  @GET
  @Path("/{id}")
  @PermitAll
  @Operation(
      operationId = "getScene",
      summary = "One active scene",
      description =
          "An active scene by id; an inactive or unknown id is 404. Public; cacheable (ETag).")
  @Parameter(
      name = "If-None-Match",
      in = ParameterIn.HEADER,
      description = "The ETag of a copy you hold: 304 while it is current")
  @APIResponse(
      responseCode = "200",
      description = "The scene",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Scene.class)))
  @APIResponse(
      responseCode = "304",
      description = "Not modified: If-None-Match still matches the ETag")
  @APIResponse(responseCode = "404", description = "No active scene with this id")
  public Uni<Response> get(
      @PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    UUID sceneId = Ids.parse(id, () -> new SceneNotFound(id));
    return cache
        .get(
            "scene:" + sceneId,
            () ->
                scenes
                    .findActive(sceneId)
                    .map(found -> found.orElseThrow(() -> new SceneNotFound(id)))
                    .map(conditionalGet::render))
        .map(body -> conditionalGet.ok(body, ifNoneMatch));
  }

  @POST
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "createScene",
      summary = "Create a scene (operators)",
      description =
          "name, category and prompt_template are required; the template may use the placeholders {gender} and {style}. Publishes scene.changed.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Scene.class)))
  @APIResponse(responseCode = "409", description = "A scene with this name exists already")
  public Uni<Response> create(
      @NotNull @Valid @ConvertGroup(from = Default.class, to = SceneInput.OnCreate.class)
          SceneInput input) {
    return service
        .create(input)
        .map(scene -> Response.status(Response.Status.CREATED).entity(scene).build());
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "updateScene",
      summary = "Change a scene (operators)",
      description = "Absent fields keep their value. Publishes scene.changed.")
  @APIResponse(
      responseCode = "200",
      description = "The changed scene",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Scene.class)))
  @APIResponse(responseCode = "404", description = "No such scene")
  @APIResponse(responseCode = "409", description = "A scene with this name exists already")
  public Uni<Scene> update(@PathParam("id") String id, @NotNull @Valid SceneInput input) {
    return service.update(Ids.parse(id, () -> new SceneNotFound(id)), input);
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "deactivateScene",
      summary = "Deactivate a scene (operators)",
      description = "Sets is_active=false: scenes are never deleted. Publishes scene.changed.")
  @APIResponse(responseCode = "204", description = "Deactivated")
  @APIResponse(responseCode = "404", description = "No such scene")
  public Uni<Response> deactivate(@PathParam("id") String id) {
    return service
        .deactivate(Ids.parse(id, () -> new SceneNotFound(id)))
        .replaceWith(Response.noContent().build());
  }
}
