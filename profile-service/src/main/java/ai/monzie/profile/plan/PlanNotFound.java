package ai.monzie.profile.plan;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;

public class PlanNotFound extends ProblemException {
  public static final ProblemType TYPE = new ProblemType("plan-not-found", "Plan not found", 404);

  public PlanNotFound(String key) {
    super(TYPE, "No plan " + key + ".");
  }
}
