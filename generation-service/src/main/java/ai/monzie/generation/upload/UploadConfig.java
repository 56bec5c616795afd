package ai.monzie.generation.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "monzie.uploads")
public interface UploadConfig {
  /** Largest accepted file, in bytes. */
  long maxBytes();

  /**
   * Largest accepted picture, in pixels (width x height, as its header states them), checked before
   * decoding: a few kilobytes of PNG can declare 8000x8000 pixels, a quarter of a gigabyte once
   * decoded. 40 MP is above any phone camera's photo.
   */
  @WithDefault("40000000")
  long maxPixels();

  /**
   * Uploads decoded at once on an instance (the others wait their turn): decoding takes memory in
   * proportion to the picture, so this times the largest decode bounds it.
   */
  @WithDefault("2")
  int decodeConcurrency();

  /** Photos are scaled down to this longer side before they are stored or sent to a model. */
  int maxDimension();

  int avatarMaxDimension();

  /** Page size of GET /v1/uploads without a limit. */
  @WithDefault("20")
  int defaultPageSize();

  /** Largest limit of GET /v1/uploads. */
  @WithDefault("100")
  int maxPageSize();
}
