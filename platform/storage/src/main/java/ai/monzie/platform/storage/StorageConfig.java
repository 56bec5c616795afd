package ai.monzie.platform.storage;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The object store ({@code monzie.storage.*}); defaults in this module's
 * META-INF/microprofile-config.properties. All services of one installation point at the same
 * store.
 */
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
    /** The one bucket every service writes to. */
    String bucket();

    /** The bucket's region ({@code us-east-1} for most S3-compatible servers). */
    String region();

    /** An S3-compatible endpoint (MinIO, R2, ...); AWS itself when absent. */
    Optional<String> endpoint();

    /**
     * Path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers use.
     */
    boolean pathStyle();

    /** Static credentials; the AWS default chain (env, profile, IAM role) when absent. */
    Optional<String> accessKey();

    /** With {@code access-key}; never in the repository (an environment variable or secret). */
    Optional<String> secretKey();
  }
}
