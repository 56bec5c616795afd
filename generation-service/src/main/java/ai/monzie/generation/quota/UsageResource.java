package ai.monzie.generation.quota;

import ai.monzie.generation.credits.CreditUsage;
import ai.monzie.generation.credits.CreditUsageView;
import ai.monzie.generation.credits.LedgerPage;
import ai.monzie.platform.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "usage", description = "Credits, the daily generation quota and their history")
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

  private final JsonWebToken jwt;
  private final CreditUsage credits;

  UsageResource(JsonWebToken jwt, CreditUsage credits) {
    this.jwt = jwt;
    this.credits = credits;
  }

  @GET
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "getUsage",
      summary = "Your credits: plan, free daily allowance, packs",
      description =
          "plan (null without an active plan), daily (the free allowance; null with a plan or"
              + " unlimited), packs.balance, unlimited, and available: what the next generations"
              + " can spend (null when unlimited). Order of spending: plan credits, or the daily"
              + " allowance without a plan, then packs.")
  @APIResponse(
      responseCode = "200",
      description = "Your credits now",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = CreditUsageView.class)))
  public Uni<CreditUsageView> usage() {
    return credits.usage(Caller.id(jwt));
  }

  @GET
  @Path("/ledger")
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "listCreditLedger",
      summary = "Your credit history, newest first",
      description =
          "Every grant, spend, refund, expiry and revocation of plan and pack credits, each with"
              + " its cause (a store event id or a generation id). Keyset pagination with"
              + " next_cursor. The free daily allowance is not in it (GET /v1/usage/today).")
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description =
          "Page size (monzie.credits.ledger-page-size, at most monzie.credits.ledger-max-page-size)",
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
  @APIResponse(
      responseCode = "200",
      description = "One page",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = LedgerPage.class)))
  @APIResponse(responseCode = "400", description = "limit or cursor is not valid")
  public Uni<LedgerPage> ledger(
      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return credits.history(Caller.id(jwt), limit, cursor);
  }

  @GET
  @Path("/today")
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "getUsageToday",
      summary = "Today's generation usage",
      description =
          "used, limit (null for premium or an unlimited plan: no limit), is_premium and resets_at"
              + " (the next UTC midnight).")
  @APIResponse(
      responseCode = "200",
      description = "Today's usage",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Usage.class)))
  public Uni<Usage> today() {
    return credits.today(Caller.id(jwt));
  }
}
