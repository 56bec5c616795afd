package ai.monzie.generation.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedded CPU model's share of the machine (it runs beside the request path). */
@ConfigMapping(prefix = "monzie.local-model")
public interface LocalModelConfig {

  /**
   * Renders at once, each on a thread of the model's own; further jobs wait for one. 1 keeps the
   * other core(s) of a small machine for requests; raise it where cores are spare.
   */
  @WithDefault("1")
  int maxConcurrentRenders();

  /**
   * The Linux nice value of the render threads (0 = as the request path, 19 = lowest): under
   * contention the kernel gives the request threads the CPU first (at 10, about 9 to 1); an idle
   * core still renders at full speed. Not 19: on an oversubscribed machine a nice-19 render got so
   * little CPU that a job missed its 60 s test deadline.
   */
  @WithDefault("10")
  int renderNice();
}
