package ai.monzie.generation.model;

import io.smallrye.mutiny.Uni;

/**
 * One image provider. Adding a provider means adding one implementation of this interface; which
 * one serves is configuration ({@code monzie.generation.provider}).
 */
public interface ImageModel {

  /** What a job asks of the model. */
  enum Task {
    /** A picture from the scene's prompt alone. */
    TEXT_TO_IMAGE,
    /** The user's photo re-imagined by the scene's prompt. */
    PHOTO_EDIT,
    /** An existing image, upscaled and enhanced. */
    ENHANCE
  }

  /** The provider name; jobs are grouped by it for the concurrency limit. */
  String provider();

  /** The model id recorded with the job and the image, e.g. {@code fal-ai/flux-pro/v1.1}. */
  String modelFor(Task task);

  /**
   * Produces the image. Fails with {@link ModelFailure} for the provider's answers (retryable or
   * not); must not block the calling thread.
   */
  Uni<ModelOutput> generate(ModelInput input);
}
