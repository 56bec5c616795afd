package ai.monzie.catalog.scene;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;

public class SceneNotFound extends ProblemException {
  public static final ProblemType TYPE = new ProblemType("scene-not-found", "Scene not found", 404);

  public SceneNotFound(String id) {
    super(TYPE, "No active scene with id " + id + ".");
  }
}
