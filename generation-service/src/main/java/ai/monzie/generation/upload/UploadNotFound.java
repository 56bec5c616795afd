package ai.monzie.generation.upload;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;

/** Unknown, another user's, or not a photo: the same answer, so ids of others reveal nothing. */
public class UploadNotFound extends ProblemException {
  public static final ProblemType TYPE =
      new ProblemType("upload-not-found", "Upload not found", 404);

  public UploadNotFound(String id) {
    super(TYPE, "You have no photo upload with id " + id + ".");
  }
}
