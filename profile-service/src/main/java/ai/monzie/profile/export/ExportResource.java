package ai.monzie.profile.export;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.Ids;
import ai.monzie.platform.problem.Problem;
import ai.monzie.platform.storage.ObjectStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "export", description = "Download my data: one archive of what every service holds")
@Path("/v1/profiles/me/export")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

  private final ExportService exports;
  private final ObjectStore store;
  private final JsonWebToken jwt;

  ExportResource(ExportService exports, ObjectStore store, JsonWebToken jwt) {
    this.exports = exports;
    this.store = store;
    this.jwt = jwt;
  }

  @POST
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "requestMyExport",
      summary = "Ask for a copy of your data",
      description =
          "Every service writes its part; profile assembles one ZIP and mails you when it is ready."
              + " One pending export at a time, at most 3 in 24 hours.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted: poll GET /v1/profiles/me/export/{id}",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = DataExport.Accepted.class)))
  @APIResponse(responseCode = "409", description = "An export of yours is still pending")
  @APIResponse(
      responseCode = "429",
      description = "3 exports in the last 24 hours already (Retry-After: seconds)")
  public Uni<Response> request() {
    return exports.request(Caller.id(jwt)).map(accepted -> Response.accepted(accepted).build());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed("authenticated")
  @Operation(
      operationId = "getMyExport",
      summary = "An export's status",
      description =
          "pending, ready (with a download_url valid 24 hours), failed (with failure) or expired.")
  @APIResponse(
      responseCode = "200",
      description = "The export",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = DataExport.class)))
  @APIResponse(responseCode = "404", description = "No export of yours with this id")
  public Uni<DataExport> get(@PathParam("id") String id) {
    return exports.get(Caller.id(jwt), Ids.parse(id, () -> ExportProblems.notFound(id)));
  }

  @GET
  @Path("/{id}/archive")
  @PermitAll
  @SecurityRequirements
  @Produces({"application/zip", Problem.MEDIA_TYPE})
  // the archive streams from the store (blocking I/O), never read whole into memory
  @Blocking
  @Operation(
      operationId = "downloadMyExport",
      summary = "Download an export's archive",
      description =
          "The signed link from the export's status (no token: the link is the permission).")
  @APIResponse(
      responseCode = "200",
      description = "The ZIP",
      content =
          @Content(
              mediaType = "application/zip",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "403", description = "The link is not valid or has expired")
  @APIResponse(responseCode = "404", description = "The export is not ready or no longer exists")
  public Response download(
      @PathParam("id") String id,
      @Parameter(description = "The link's end (epoch seconds)") @QueryParam("expires")
          String expires,
      @Parameter(description = "The link's signature") @QueryParam("sig") String sig) {
    UUID export = Ids.parse(id, () -> ExportProblems.notFound(id));
    long until;
    try {
      until = Long.parseLong(expires);
    } catch (NumberFormatException | NullPointerException e) {
      throw ExportProblems.badLink();
    }
    String key = exports.download(export, until, sig).await().indefinitely();
    InputStream in;
    try {
      in = store.open(key).orElseThrow(() -> ExportProblems.notFound(id));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    StreamingOutput body =
        out -> {
          try (in) {
            in.transferTo(out);
          }
        };
    return Response.ok(body, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"monzie-export-" + export + ".zip\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
