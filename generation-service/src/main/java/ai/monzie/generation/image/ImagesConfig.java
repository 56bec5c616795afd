package ai.monzie.generation.image;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "monzie.images")
public interface ImagesConfig {
  /** Longer side of thumbnails, in pixels. */
  int thumbnailSize();

  int defaultPageSize();

  int maxPageSize();
}
