package ai.monzie.generation.model;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/** Which image model serves generations, and how many jobs each provider runs at once. */
@ConfigMapping(prefix = "monzie.generation")
public interface ModelConfig {

  /** The image model that serves new generations: {@code local} or {@code fal}. */
  String provider();

  /** Jobs running at once per provider, over all instances (the provider's concurrency limit). */
  Map<String, Integer> concurrency();
}
