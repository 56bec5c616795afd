package ai.monzie.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against a real S3 API server in this JVM (S3Proxy over an in-memory blob store): the
 * same requests, signatures (SigV4) and XML answers as AWS or MinIO.
 */
class S3ObjectStoreTest {

  static final String BUCKET = "monzie-test";
  static S3TestServer server;
  static S3ObjectStore store;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3TestServer.start();
    try (S3Client admin =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .endpointOverride(URI.create(server.endpoint()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
            .build()) {
      admin.createBucket(b -> b.bucket(BUCKET));
    }
    store = new S3ObjectStore(config(server.endpoint()));
  }

  @AfterAll
  static void stopServer() {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void putGetExistsAndDeleteRoundTrip() {
    String key = "users/" + UUID.randomUUID() + "/images/" + UUID.randomUUID() + ".png";
    byte[] bytes = "png bytes".getBytes(StandardCharsets.UTF_8);
    store.put(key, bytes, "image/png").await().atMost(Duration.ofSeconds(10));
    assertThat(store.exists(key).await().atMost(Duration.ofSeconds(10))).isTrue();
    Optional<ObjectStore.StoredObject> found =
        store.get(key).await().atMost(Duration.ofSeconds(10));
    assertThat(found).isPresent();
    assertThat(found.get().bytes()).isEqualTo(bytes);
    assertThat(found.get().contentType()).isEqualTo("image/png");
    store.delete(List.of(key, key + ".missing")).await().atMost(Duration.ofSeconds(10));
    assertThat(store.exists(key).await().atMost(Duration.ofSeconds(10))).isFalse();
    assertThat(store.get(key).await().atMost(Duration.ofSeconds(10))).isEmpty();
  }

  @Test
  void deletePrefixRemovesOneUsersObjectsOnly() {
    UUID user = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      store.put(image(user), new byte[] {1}, "image/png").await().indefinitely();
    }
    String kept = image(other);
    store.put(kept, new byte[] {2}, "image/png").await().indefinitely();
    int deleted = store.deletePrefix("users/" + user + "/").await().atMost(Duration.ofSeconds(10));
    assertThat(deleted).isEqualTo(5);
    assertThat(store.deletePrefix("users/" + user + "/").await().indefinitely()).isZero();
    assertThat(store.exists(kept).await().indefinitely()).isTrue();
  }

  @Test
  void streamedWriteAndOpenRoundTripALargeObject() throws Exception {
    String key = "exports/" + UUID.randomUUID() + "/monzie-export.zip";
    int size = 5 * 1024 * 1024 + 17;
    store.write(
        key,
        "application/zip",
        out -> {
          for (int i = 0; i < size; i++) {
            out.write(i % 251);
          }
        });
    try (InputStream in = store.open(key).orElseThrow()) {
      long read = 0;
      int b;
      while ((b = in.read()) != -1) {
        assertThat(b).isEqualTo((int) (read % 251));
        read++;
      }
      assertThat(read).isEqualTo(size);
    }
    assertThat(store.open("exports/" + UUID.randomUUID() + "/missing.zip")).isEmpty();
  }

  private static String image(UUID user) {
    return "users/" + user + "/images/" + UUID.randomUUID() + ".png";
  }

  static StorageConfig.S3 config(String endpoint) {
    return new StorageConfig.S3() {
      @Override
      public String bucket() {
        return BUCKET;
      }

      @Override
      public String region() {
        return "us-east-1";
      }

      @Override
      public Optional<String> endpoint() {
        return Optional.of(endpoint);
      }

      @Override
      public boolean pathStyle() {
        return true;
      }

      @Override
      public Optional<String> accessKey() {
        return Optional.of(S3TestServer.ACCESS_KEY);
      }

      @Override
      public Optional<String> secretKey() {
        return Optional.of(S3TestServer.SECRET_KEY);
      }
    };
  }
}
