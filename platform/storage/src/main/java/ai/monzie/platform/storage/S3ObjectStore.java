package ai.monzie.platform.storage;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS or any S3-compatible server), through the AWS SDK v2's synchronous
 * client: each call runs on the worker pool, never on the event loop.
 */
public class S3ObjectStore implements ObjectStore, AutoCloseable {

  private final S3Client s3;
  private final String bucket;

  public S3ObjectStore(StorageConfig.S3 config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            // checksums only where S3 requires them: S3-compatible servers (MinIO, S3Proxy, R2)
            // do not all accept the SDK's newer default trailing checksums
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    config.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().get())));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    this.s3 = builder.build();
    this.bucket = config.bucket();
  }

  @Override
  public Uni<Void> put(String key, byte[] bytes, String contentType) {
    return blocking(
        () -> {
          s3.putObject(
              b -> b.bucket(bucket).key(StorageKeys.requireSafe(key)).contentType(contentType),
              RequestBody.fromBytes(bytes));
          return null;
        });
  }

  /**
   * Streams the body to a temporary file, then uploads the file: S3 wants the length up front, and
   * the SDK's file upload reads it in chunks, so memory holds one buffer whatever the size.
   */
  @Override
  public void write(String key, String contentType, BodyWriter body) throws IOException {
    StorageKeys.requireSafe(key);
    Path temp = Files.createTempFile("monzie-s3-", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        body.writeTo(out);
      }
      s3.putObject(
          b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(temp));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<InputStream> open(String key) {
    try {
      return Optional.of(s3.getObject(b -> b.bucket(bucket).key(StorageKeys.requireSafe(key))));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    }
  }

  @Override
  public Uni<Optional<StoredObject>> get(String key) {
    return blocking(
        () -> {
          try {
            ResponseBytes<GetObjectResponse> object =
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(StorageKeys.requireSafe(key)));
            String type = object.response().contentType();
            return Optional.of(
                new StoredObject(
                    object.asByteArray(), type == null ? StorageKeys.contentType(key) : type));
          } catch (NoSuchKeyException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public Uni<Boolean> exists(String key) {
    return blocking(
        () -> {
          try {
            s3.headObject(b -> b.bucket(bucket).key(StorageKeys.requireSafe(key)));
            return true;
          } catch (NoSuchKeyException e) {
            return false;
          } catch (S3Exception e) {
            if (e.statusCode() == 404) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public Uni<Void> delete(List<String> keys) {
    if (keys.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return blocking(
        () -> {
          deleteAll(keys);
          return null;
        });
  }

  @Override
  public Uni<Integer> deletePrefix(String prefix) {
    return blocking(
        () -> {
          List<String> keys = new ArrayList<>();
          for (S3Object object :
              s3.listObjectsV2Paginator(
                      b -> b.bucket(bucket).prefix(StorageKeys.requireSafe(strip(prefix)) + "/"))
                  .contents()) {
            keys.add(object.key());
          }
          deleteAll(keys);
          return keys.size();
        });
  }

  /**
   * One DeleteObject per key: DeleteObjects needs a checksum header that not every S3-compatible
   * server implements, and deletions (an image, a departing user) are rare and off request paths.
   */
  private void deleteAll(List<String> keys) {
    for (String key : keys) {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
  }

  private static String strip(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  private static <T> Uni<T> blocking(Supplier<T> work) {
    return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  @Override
  public void close() {
    s3.close();
  }
}
