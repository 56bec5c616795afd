package ai.monzie.platform.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a client can act on, answered as RFC 9457 {@code application/problem+json}. Domain
 * exceptions extend it ({@code SceneNotFound}, {@code QuotaExceeded}) and name their problem type;
 * the HTTP status stays in one place, the type.
 */
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> extensions;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ProblemException(ProblemType type, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false); // expected outcomes: no stack trace to fill
    this.type = type;
    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /** A 400 naming the field (or query parameter) at fault, as the platform's validator does. */
  public static ProblemException invalid(String field, String why) {
    return new ProblemException(ProblemType.VALIDATION, field + ": " + why, Map.of("field", field));
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Problem toProblem() {
    return new Problem(type, getMessage(), extensions);
  }
}
