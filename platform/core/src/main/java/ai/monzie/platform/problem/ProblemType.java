package ai.monzie.platform.problem;

/**
 * A stable problem type: its URI and title never change, so clients can branch on them.
 *
 * @param slug the last segment of {@code https://monzie.ai/problems/<slug>}
 */
public record ProblemType(String slug, String title, int status) {

  public static final String BASE_URI = "https://monzie.ai/problems/";

  public static final ProblemType BAD_REQUEST = new ProblemType("bad-request", "Bad request", 400);
  public static final ProblemType VALIDATION =
      new ProblemType("validation", "The request is not valid", 400);
  public static final ProblemType MALFORMED_JSON =
      new ProblemType("malformed-json", "The body is not valid JSON for this call", 400);
  public static final ProblemType UNAUTHORIZED =
      new ProblemType("unauthorized", "Authentication required", 401);
  public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Not allowed", 403);
  public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", 404);
  public static final ProblemType METHOD_NOT_ALLOWED =
      new ProblemType("method-not-allowed", "Method not allowed", 405);
  public static final ProblemType NOT_ACCEPTABLE =
      new ProblemType("not-acceptable", "Not acceptable", 406);
  public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflict", 409);
  public static final ProblemType PAYLOAD_TOO_LARGE =
      new ProblemType("payload-too-large", "Payload too large", 413);
  public static final ProblemType URI_TOO_LONG =
      new ProblemType("uri-too-long", "Request target too long", 414);
  public static final ProblemType HEADERS_TOO_LARGE =
      new ProblemType("headers-too-large", "Request headers too large", 431);
  public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
      new ProblemType("unsupported-media-type", "Unsupported media type", 415);
  public static final ProblemType TOO_MANY_REQUESTS =
      new ProblemType("too-many-requests", "Too many requests", 429);
  public static final ProblemType INTERNAL = new ProblemType("internal", "Internal error", 500);
  public static final ProblemType UNAVAILABLE =
      new ProblemType("unavailable", "Temporarily unavailable", 503);

  public String uri() {
    return BASE_URI + slug;
  }

  /** The generic type for an HTTP status that no domain type describes. */
  public static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> URI_TOO_LONG;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> TOO_MANY_REQUESTS;
      case 431 -> HEADERS_TOO_LARGE;
      case 503 -> UNAVAILABLE;
      default ->
          status >= 500 ? INTERNAL : new ProblemType("http-" + status, "HTTP " + status, status);
    };
  }
}
