package ai.monzie.generation.storage;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "monzie.storage")
public interface StorageConfig {

  /** {@code filesystem} (default) or {@code s3}. */
  String kind();

  Filesystem filesystem();

  S3 s3();

  interface Filesystem {
    /** The folder objects are written under. */
    String root();
  }

  interface S3 {
    String bucket();

    String region();

    /** An S3-compatible endpoint (MinIO, R2, ...); AWS itself when absent. */
    Optional<String> endpoint();

    /**
     * Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers use.
     */
    boolean pathStyle();

    /** Static credentials; the AWS default chain (env, profile, IAM role) when absent. */
    Optional<String> accessKey();

    Optional<String> secretKey();
  }
}
