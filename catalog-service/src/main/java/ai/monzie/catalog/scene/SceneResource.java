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
  @Operation(summary = "A page of active scenes: filters, full-text q, keyset cursor")
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
  @Operation(summary = "One active scene")
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
  @Operation(summary = "Create a scene (operators); placeholders: {gender}, {style}")
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
  @Operation(summary = "Change a scene (operators); absent fields keep their value")
  public Uni<Scene> update(@PathParam("id") String id, @NotNull @Valid SceneInput input) {
    return service.update(Ids.parse(id, () -> new SceneNotFound(id)), input);
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(SERVICE_ROLE)
  @Operation(summary = "Deactivate a scene (operators): scenes are never deleted")
  public Uni<Response> deactivate(@PathParam("id") String id) {
    return service
        .deactivate(Ids.parse(id, () -> new SceneNotFound(id)))
        .replaceWith(Response.noContent().build());
  }
}
