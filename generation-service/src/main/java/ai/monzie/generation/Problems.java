package ai.monzie.generation;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.Map;

/** Validation failures that name the field at fault, as the platform's validator does. */
public final class Problems {
  private Problems() {}

  public static ProblemException invalid(String field, String why) {
    return new ProblemException(ProblemType.VALIDATION, field + ": " + why, Map.of("field", field));
  }
}
