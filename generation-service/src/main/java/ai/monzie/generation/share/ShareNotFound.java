package ai.monzie.generation.share;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;

/** Unknown, revoked, or of a deleted image: one answer, so a token reveals nothing more. */
public class ShareNotFound extends ProblemException {
  public static final ProblemType TYPE =
      new ProblemType("share-not-found", "Shared image not found", 404);

  public ShareNotFound() {
    super(TYPE, "No shared image with this link; it may have been revoked.");
  }
}
