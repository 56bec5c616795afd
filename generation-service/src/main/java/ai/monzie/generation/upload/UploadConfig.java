package ai.monzie.generation.upload;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "monzie.uploads")
public interface UploadConfig {
  /** Largest accepted file, in bytes. */
  long maxBytes();

  /** Photos are scaled down to this longer side before they are stored or sent to a model. */
  int maxDimension();

  int avatarMaxDimension();
}
