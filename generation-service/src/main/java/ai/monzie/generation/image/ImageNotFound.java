package ai.monzie.generation.image;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;

/** Unknown, or another user's: the same answer, so ids of others' images reveal nothing. */
public class ImageNotFound extends ProblemException {
  public static final ProblemType TYPE = new ProblemType("image-not-found", "Image not found", 404);

  public ImageNotFound(String id) {
    super(TYPE, "You have no image with id " + id + ".");
  }
}
