package ai.monzie.generation.upload;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Tag(name = "uploads", description = "Photos and avatars")
@Path("/v1/uploads")
@RolesAllowed("authenticated")
public class UploadResource {

  private final UploadService uploads;
  private final JsonWebToken jwt;

  UploadResource(UploadService uploads, JsonWebToken jwt) {
    this.uploads = uploads;
    this.jwt = jwt;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "uploadImage",
      summary = "Upload a photo or an avatar",
      description =
          "A JPEG, PNG or WebP image as the multipart part 'file' (at most monzie.uploads.max-bytes, 10 MB); purpose photo (the default, input of a generation) or avatar. Answers a signed URL to use as original_photo_url or avatar_url.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      requiredProperties = "file",
                      properties = {
                        @SchemaProperty(
                            name = "file",
                            type = SchemaType.STRING,
                            format = "binary",
                            description = "JPEG, PNG or WebP, at most monzie.uploads.max-bytes"),
                        @SchemaProperty(
                            name = "purpose",
                            type = SchemaType.STRING,
                            enumeration = {"photo", "avatar"},
                            defaultValue = "photo")
                      })))
  @APIResponse(
      responseCode = "201",
      description = "Stored",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Uploaded.class)))
  @APIResponse(responseCode = "413", description = "The file is larger than allowed")
  @APIResponse(responseCode = "415", description = "Not a JPEG, PNG or WebP image")
  public Uni<Response> upload(@RestForm("file") FileUpload file, @RestForm String purpose) {
    if (file == null || file.uploadedFile() == null) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "file: send the image as the multipart part named 'file'",
          Map.of("field", "file"));
    }
    return uploads
        .upload(Caller.id(jwt), purpose, file.uploadedFile(), file.size())
        .map(uploaded -> Response.status(Response.Status.CREATED).entity(uploaded).build());
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "listUploads",
      summary = "Your uploads, newest first",
      description = "Keyset pagination with next_cursor; each with a fresh signed URL.")
  @Parameter(
      name = "limit",
      in = ParameterIn.QUERY,
      description = "Page size (at most monzie.uploads.max-page-size)",
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
              schema = @Schema(implementation = UploadPage.class)))
  public Uni<UploadPage> list(
      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    return uploads.list(Caller.id(jwt), limit, cursor);
  }
}
