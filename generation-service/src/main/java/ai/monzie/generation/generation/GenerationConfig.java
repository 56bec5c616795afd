package ai.monzie.generation.generation;

import io.smallrye.config.ConfigMapping;

/** Defaults of a generation request. */
@ConfigMapping(prefix = "monzie.generation")
public interface GenerationConfig {

  String defaultImageSize();

  String defaultAspectRatio();

  /** The fixed prompt of enhancements (the real app's "upscale"). */
  String enhancePrompt();

  /**
   * The scene name an enhanced upload is shown (and published) with: a photo from the gallery has
   * no scene, and images and image.generated always name one (its id is the nil UUID).
   */
  @io.smallrye.config.WithDefault("Enhanced photo")
  String photoEnhanceSceneName();
}
