package ai.monzie.profile.plan;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "plans", description = "What is sold: subscriptions and credit packs")
@Path("/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

  static final String SERVICE_ROLE = "service_role";

  private final PlanService plans;

  PlanResource(PlanService plans) {
    this.plans = plans;
  }

  @GET
  @PermitAll
  @Operation(
      operationId = "listPlans",
      summary = "Plans on sale",
      description = "Active subscriptions and credit packs by display order. Public.")
  @APIResponse(
      responseCode = "200",
      description = "The plans",
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
                              implementation = Plan.class))))
  public Uni<Map<String, List<Plan>>> list() {
    return plans.listActive().map(list -> Map.of("items", list));
  }

  @POST
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "createPlan",
      summary = "Create a plan (operators)",
      description =
          "key, display_name, price_usd, credits, kind and store_product_ids are required; a subscription needs period_days, a pack has none.")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Plan.class)))
  @APIResponse(
      responseCode = "409",
      description = "The key exists, or a store product id belongs to another plan")
  public Uni<Response> create(
      @NotNull @Valid @ConvertGroup(from = Default.class, to = PlanInput.OnCreate.class)
          PlanInput input) {
    return plans
        .create(input)
        .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
  }

  @PATCH
  @Path("/{key}")
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "updatePlan",
      summary = "Change a plan (operators)",
      description =
          "Absent fields keep their value; store_product_ids, when sent, replaces the list; key cannot change. A change applies from the next period a store event starts.")
  @APIResponse(
      responseCode = "200",
      description = "The changed plan",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Plan.class)))
  @APIResponse(responseCode = "404", description = "No such plan")
  @APIResponse(responseCode = "409", description = "A store product id belongs to another plan")
  public Uni<Plan> update(@PathParam("key") String key, @NotNull @Valid PlanInput input) {
    return plans.update(key, input);
  }

  @DELETE
  @Path("/{key}")
  @RolesAllowed(SERVICE_ROLE)
  @Operation(
      operationId = "deletePlan",
      summary = "Stop selling a plan (operators)",
      description =
          "Soft delete: the plan leaves GET /v1/plans; its subscribers keep renewing into it. PATCH active=true brings it back.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "No such plan")
  public Uni<Response> delete(@PathParam("key") String key) {
    return plans.delete(key).replaceWith(Response.noContent().build());
  }
}
