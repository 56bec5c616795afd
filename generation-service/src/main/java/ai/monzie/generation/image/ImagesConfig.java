package ai.monzie.generation.image;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "monzie.images")
public interface ImagesConfig {
  /** Longer side of thumbnails, in pixels. */
  int thumbnailSize();

  /**
   * Threads that make a stored image's thumbnail and BlurHash (decode, scale, JPEG): CPU no request
   * waits on, so at {@link #thumbnailNice()} like the local model's renders.
   */
  int thumbnailThreads();

  /** The Linux nice value of those threads (0 = as the request path). */
  int thumbnailNice();

  int defaultPageSize();

  int maxPageSize();

  /** How often images stored without a BlurHash or size get them from their files. */
  java.time.Duration backfillInterval();
}
