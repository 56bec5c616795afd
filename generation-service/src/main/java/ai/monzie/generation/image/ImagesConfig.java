package ai.monzie.generation.image;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "monzie.images")
public interface ImagesConfig {
  /** Longer side of thumbnails, in pixels. */
  int thumbnailSize();

  int defaultPageSize();

  int maxPageSize();

  /** How often images stored without a BlurHash or size get them from their files. */
  java.time.Duration backfillInterval();
}
