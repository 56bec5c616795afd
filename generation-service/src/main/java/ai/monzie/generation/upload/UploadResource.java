package ai.monzie.generation.upload;

import ai.monzie.generation.CurrentUser;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

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
  @Operation(summary = "Upload a photo (or purpose=avatar): JPEG, PNG or WebP; 201 {url}")
  public Uni<Response> upload(@RestForm("file") FileUpload file, @RestForm String purpose) {
    if (file == null || file.uploadedFile() == null) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "file: send the image as the multipart part named 'file'",
          Map.of("field", "file"));
    }
    return uploads
        .upload(CurrentUser.id(jwt), purpose, file.uploadedFile(), file.size())
        .map(uploaded -> Response.status(Response.Status.CREATED).entity(uploaded).build());
  }
}
