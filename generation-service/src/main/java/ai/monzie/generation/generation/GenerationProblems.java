package ai.monzie.generation.generation;

import ai.monzie.generation.job.JobStatus;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.Map;

/** The domain failures of requesting a generation. */
public final class GenerationProblems {
  private GenerationProblems() {}

  public static final ProblemType SCENE_NOT_FOUND =
      new ProblemType("scene-not-found", "Scene not found", 404);
  public static final ProblemType PREMIUM_SCENE =
      new ProblemType("premium-scene", "Premium scene", 403);
  public static final ProblemType GENERATION_NOT_FOUND =
      new ProblemType("generation-not-found", "Generation not found", 404);
  public static final ProblemType IDEMPOTENCY_KEY_REUSED =
      new ProblemType("idempotency-key-reused", "Idempotency-Key reused", 422);

  public static final ProblemType GENERATION_FINISHED =
      new ProblemType("generation-finished", "Generation already finished", 409);

  public static ProblemException alreadyFinished(JobStatus status) {
    return new ProblemException(
        GENERATION_FINISHED,
        "This generation already "
            + status.value()
            + "; only a queued or running one can be"
            + " cancelled.",
        Map.of("status", status.value()));
  }

  public static final ProblemType NOT_RETRYABLE =
      new ProblemType("generation-not-retryable", "Generation cannot be retried", 409);

  public static ProblemException notRetryable(JobStatus status) {
    return new ProblemException(
        NOT_RETRYABLE,
        "This generation is " + status.value() + "; only a failed or cancelled one can be retried.",
        Map.of("status", status.value()));
  }

  public static ProblemException sceneNotFound(Object id) {
    return new ProblemException(SCENE_NOT_FOUND, "No active scene with id " + id + ".");
  }

  public static ProblemException premiumScene() {
    return new ProblemException(
        PREMIUM_SCENE, "This scene is for premium members. Upgrade to use it.");
  }

  public static ProblemException generationNotFound(Object id) {
    return new ProblemException(GENERATION_NOT_FOUND, "You have no generation with id " + id + ".");
  }

  public static ProblemException keyReused() {
    return new ProblemException(
        IDEMPOTENCY_KEY_REUSED,
        "This Idempotency-Key was used for a different request. Use a new key for a new"
            + " generation.",
        Map.of("field", "Idempotency-Key"));
  }
}
