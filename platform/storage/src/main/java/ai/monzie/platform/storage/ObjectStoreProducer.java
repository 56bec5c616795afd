package ai.monzie.platform.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Chooses the object store from configuration ({@code monzie.storage.kind}). */
public class ObjectStoreProducer {

  private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

  @Produces
  @ApplicationScoped
  ObjectStore objectStore(StorageConfig config) {
    return switch (config.kind()) {
      case "filesystem" -> {
        LOG.infof("object store: folder %s", config.filesystem().root());
        yield new FilesystemObjectStore(Path.of(config.filesystem().root()));
      }
      case "s3" -> {
        LOG.infof("object store: S3 bucket %s", config.s3().bucket());
        yield new S3ObjectStore(config.s3());
      }
      default ->
          throw new IllegalStateException(
              "monzie.storage.kind must be filesystem or s3, not " + config.kind());
    };
  }
}
