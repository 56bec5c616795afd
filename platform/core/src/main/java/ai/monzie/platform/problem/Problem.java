package ai.monzie.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The RFC 9457 body: {@code type}, {@code title}, {@code status}, {@code detail} + extensions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail"})
public final class Problem {

  public static final String MEDIA_TYPE = "application/problem+json";

  private final ProblemType problemType;
  private final String detail;
  private final Map<String, Object> extensions;

  public Problem(ProblemType type, String detail, Map<String, Object> extensions) {
    this.problemType = type;
    this.detail = detail;
    this.extensions = extensions;
  }

  public String getType() {
    return problemType.uri();
  }

  public String getTitle() {
    return problemType.title();
  }

  public int getStatus() {
    return problemType.status();
  }

  public String getDetail() {
    return detail;
  }

  @JsonAnyGetter
  public Map<String, Object> extensions() {
    return extensions;
  }

  public Response toResponse() {
    return Response.status(problemType.status()).type(MEDIA_TYPE).entity(this).build();
  }
}
