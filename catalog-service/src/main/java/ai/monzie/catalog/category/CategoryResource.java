package ai.monzie.catalog.category;

import ai.monzie.catalog.http.ConditionalGet;
import ai.monzie.platform.http.Ids;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "categories", description = "Scene categories: public reads, operator writes")
@Path("/v1/categories")
@Produces(MediaType.APPLICATION_JSON)
public class CategoryResource {

  static final String SERVICE_ROLE = "service_role";

  private final CategoryService categories;
  private final ConditionalGet conditionalGet;

  CategoryResource(CategoryService categories, ConditionalGet conditionalGet) {
    this.categories = categories;
    this.conditionalGet = conditionalGet;
  }

  @GET
  @PermitAll
  @Operation(
      operationId = "listCategories",
      summary = "Active categories",
      description =
          "Active categories by order_index, each with its count of active scenes. Public; cacheable (ETag).")
  @APIResponse(
      responseCode = "200",
      description = "The categories",
      content =
          @Content(
              mediaType = "application/json",
              schema =
                  @Schema(
                      requiredProperties = "items",
                      properties =
                          @SchemaProperty(
                              name = "items",
                              type = SchemaType.ARRAY,
                              implementation = Category.class))))
  @APIResponse(
      responseCode = "304",
      description = "Not modified: If-None-Match still matches the ETag")
  @Parameter(
      name = "If-None-Match",
      in = ParameterIn.HEADER,
      description = "The ETag of a copy you hold: 304 while it is current")
  public Uni<Response> list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return categories
        .listActive()
        .map(list -> conditionalGet.ok(Map.of("items", list), ifNoneMatch));
  }

  @POST
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "createCategory",
      summary = "Create a category (operators)",
      description = "Creates an active category; name and slug are required and unique.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Category.class)))
  @APIResponse(
      responseCode = "409",
      description = "A category with this name or slug exists already")
  public Uni<Response> create(
      @NotNull @Valid @ConvertGroup(from = Default.class, to = CategoryInput.OnCreate.class)
          CategoryInput input) {
    return categories
        .create(input)
        .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
  }

  @PATCH
  @Path("/{id}")
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "updateCategory",
      summary = "Change a category (operators)",
      description = "Absent fields keep their value; slug cannot change (400).")
  @APIResponse(
      responseCode = "200",
      description = "The changed category",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Category.class)))
  @APIResponse(responseCode = "404", description = "No such category")
  @APIResponse(responseCode = "409", description = "A category with this name exists already")
  public Uni<Category> update(@PathParam("id") String id, @NotNull @Valid CategoryInput input) {
    return categories.update(Ids.parse(id, () -> new CategoryNotFound(id)), input);
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "deactivateCategory",
      summary = "Deactivate a category (operators)",
      description = "Sets is_active=false; its scenes stay as they are.")
  @APIResponse(responseCode = "204", description = "Deactivated")
  @APIResponse(responseCode = "404", description = "No such category")
  public Uni<Response> deactivate(@PathParam("id") String id) {
    return categories
        .deactivate(Ids.parse(id, () -> new CategoryNotFound(id)))
        .replaceWith(Response.noContent().build());
  }
}
