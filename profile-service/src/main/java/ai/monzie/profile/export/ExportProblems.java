package ai.monzie.profile.export;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.Map;

/** The export's problems (mapped by the platform's one problem+json mapper). */
final class ExportProblems {
  private ExportProblems() {}

  static final ProblemType NOT_FOUND = new ProblemType("export-not-found", "Export not found", 404);
  static final ProblemType PENDING =
      new ProblemType("export-pending", "An export is already being prepared", 409);
  static final ProblemType LIMIT =
      new ProblemType("export-limit", "Too many exports requested today", 429);
  static final ProblemType LINK =
      new ProblemType("export-link-invalid", "Download link invalid or expired", 403);

  static ProblemException notFound(String id) {
    return new ProblemException(NOT_FOUND, "No export " + id + ".");
  }

  static ProblemException pending() {
    return new ProblemException(
        PENDING, "Your previous export is still being prepared; wait for it to be ready.");
  }

  static ProblemException limit(int dailyLimit, long retryAfterSeconds) {
    return new ProblemException(
        LIMIT,
        "At most " + dailyLimit + " exports in 24 hours.",
        Map.of("retry_after", Math.max(1, retryAfterSeconds)));
  }

  static ProblemException badLink() {
    return new ProblemException(LINK, "This download link is not valid or has expired.");
  }
}
