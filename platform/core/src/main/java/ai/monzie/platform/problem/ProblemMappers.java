package ai.monzie.platform.problem;

import ai.monzie.platform.json.SafeText;
import ai.monzie.platform.json.UnsafeTextException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become {@code application/problem+json}: nothing a client sends may
 * produce an HTML page, a stack trace or an unexplained 500.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    Response.ResponseBuilder response = Response.fromResponse(e.toProblem().toResponse());
    Object retryAfter = e.extensions().get("retry_after");
    if (retryAfter != null) {
      response.header(HttpHeaders.RETRY_AFTER, retryAfter);
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException json) { // the JSON reader wraps its errors
      return jsonProblem(json);
    }
    int status = e.getResponse().getStatus();
    ProblemType type = ProblemType.forStatus(status);
    String detail =
        switch (status) {
          case 404 -> "No such resource. Check the path and the id.";
          case 405 -> "This path does not accept that method.";
          case 406 -> "This call answers application/json only.";
          case 415 -> "Send the body as application/json (or multipart/form-data for uploads).";
          case 413 -> "The request body is too large.";
          default ->
              status >= 500 ? "Something went wrong on our side; try again." : e.getMessage();
        };
    if (status >= 500) {
      LOG.error("request failed", e);
    }
    Response.ResponseBuilder response =
        Response.fromResponse(new Problem(type, detail, Map.of()).toResponse());
    String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      response.header(HttpHeaders.ALLOW, allow);
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e) {
    return jsonProblem(e);
  }

  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e) {
    return jsonProblem(e);
  }

  private static Response jsonProblem(JsonProcessingException e) {
    String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
    String detail;
    if (e instanceof UnsafeTextException) {
      String where = field.isEmpty() ? "The body" : "Field '" + field + "'";
      return new Problem(
              ProblemType.VALIDATION,
              where + " " + SafeText.WHY + ".",
              field.isEmpty() ? Map.of() : Map.of("field", field))
          .toResponse();
    } else if (e instanceof UnrecognizedPropertyException unknown) {
      detail = "Field '" + field + "' is not accepted by this call.";
    } else if (e instanceof DatabindException && !field.isEmpty()) {
      detail = "Field '" + field + "' has the wrong type or format.";
    } else {
      detail = "The body is not well-formed JSON.";
    }
    Map<String, Object> extensions = field.isEmpty() ? Map.of() : Map.of("field", field);
    return new Problem(ProblemType.MALFORMED_JSON, detail, extensions).toResponse();
  }

  @ServerExceptionMapper({
    ConstraintViolationException.class,
    ResteasyReactiveViolationException.class
  })
  public Response invalid(ConstraintViolationException e) {
    List<Map<String, String>> errors =
        e.getConstraintViolations().stream()
            .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(v -> Map.of("field", field(v), "message", v.getMessage()))
            .toList();
    String detail =
        errors.stream()
            .map(error -> error.get("field") + ": " + error.get("message"))
            .collect(Collectors.joining("; "));
    List<String> fields = errors.stream().map(error -> error.get("field")).distinct().toList();
    // one bad field: named as ProblemException.invalid names it, so clients read both alike
    Map<String, Object> extensions =
        fields.size() == 1
            ? Map.of("errors", errors, "field", fields.get(0))
            : Map.of("errors", errors);
    return new Problem(ProblemType.VALIDATION, detail, extensions).toResponse();
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated() {
    return Response.fromResponse(
            new Problem(
                    ProblemType.UNAUTHORIZED,
                    "Send a valid, unexpired access token as 'Authorization: Bearer <token>'.",
                    Map.of())
                .toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return new Problem(ProblemType.FORBIDDEN, "Your token does not allow this call.", Map.of())
        .toResponse();
  }

  /**
   * The client (or the gateway cutting off a body over its limit) closed the connection while the
   * body was read: nobody will read this answer, and it is not a failure of ours to log as ERROR.
   */
  @ServerExceptionMapper
  public Response clientWentAway(io.vertx.core.http.HttpClosedException e) {
    LOG.debug("the client closed the connection before its request was read", e);
    return new Problem(ProblemType.BAD_REQUEST, "The request body was cut off.", Map.of())
        .toResponse();
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e) {
    if (overloaded(e)) {
      // the database pool had no connection to give in time, or the database did not answer: the
      // request was fine and may be sent again; a 503 tells the client (and the gateway) so
      LOG.warnf("request refused, no database connection in time: %s", e);
      return problem(
          new ProblemException(
              ProblemType.UNAVAILABLE,
              "The service is busy; try again in a moment.",
              Map.of("retry_after", 1)));
    }
    LOG.error("unexpected failure", e);
    return new Problem(
            ProblemType.INTERNAL, "Something went wrong on our side; try again.", Map.of())
        .toResponse();
  }

  /**
   * The reactive pool fails a wait for a connection with a bare {@code "Timeout"} (Vert.x's {@code
   * Future.failedFuture("Timeout")}); a database that refuses connections fails with a connect
   * error.
   */
  static boolean overloaded(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())
          || t instanceof java.net.ConnectException
          || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String field(ConstraintViolation<?> violation) {
    // "create.body.scene_id" -> "scene_id": a method's and parameter's names mean nothing to a
    // client; a bean given to Validator.validate has no such prefix ("events[1].eventName")
    String path = violation.getPropertyPath().toString();
    var nodes = violation.getPropertyPath().iterator();
    ElementKind kind = nodes.hasNext() ? nodes.next().getKind() : null;
    boolean ofAnExecutable = kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR;
    String[] parts = path.split("\\.");
    String field =
        !ofAnExecutable
            ? path
            : parts.length > 2
                ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
