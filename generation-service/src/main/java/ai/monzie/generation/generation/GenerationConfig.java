package ai.monzie.generation.generation;

import io.smallrye.config.ConfigMapping;

/** Defaults of a generation request. */
@ConfigMapping(prefix = "monzie.generation")
public interface GenerationConfig {

  String defaultImageSize();

  String defaultAspectRatio();

  /** The fixed prompt of enhancements (the real app's "upscale"). */
  String enhancePrompt();
}
