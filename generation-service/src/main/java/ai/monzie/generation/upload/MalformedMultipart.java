package ai.monzie.generation.upload;

import ai.monzie.platform.problem.Problem;
import ai.monzie.platform.problem.ProblemType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultiPartParserDefinition;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * A body that is not the multipart it declares (another boundary, cut off, broken part headers)
 * fails while the REST layer parses it, before any resource runs (so a mapper on the resource is
 * not consulted): the client's error, answered 400, not the 500 of an unexpected failure.
 */
public class MalformedMultipart {

  private static final Logger LOG = Logger.getLogger(MalformedMultipart.class);

  @ServerExceptionMapper
  public Response malformed(MultipartParser.MalformedMessageException e) {
    return problem();
  }

  @ServerExceptionMapper
  public Response unreadable(IOException e, HttpHeaders headers) {
    if (e instanceof MultiPartParserDefinition.FileTooLargeException) {
      return new Problem(UploadService.TOO_LARGE, "The body is too large.", Map.of()).toResponse();
    }
    MediaType type = headers.getMediaType();
    if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
      return problem();
    }
    // no other body read fails with an IOException; anything else is ours, as the platform says
    LOG.error("unexpected failure", e);
    return new Problem(
            ProblemType.INTERNAL, "Something went wrong on our side; try again.", Map.of())
        .toResponse();
  }

  private static Response problem() {
    return new Problem(
            ProblemType.BAD_REQUEST,
            "The body is not well-formed multipart/form-data: send the image as the part named"
                + " 'file', between delimiters of the boundary declared in Content-Type.",
            Map.of())
        .toResponse();
  }
}
