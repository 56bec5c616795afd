package ai.monzie.generation.webhook;

import ai.monzie.generation.model.FalConfig;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * fal's webhook keys from its JWKS ({@code kty: OKP, crv: Ed25519}), cached for {@code
 * monzie.fal.webhook-jwks-refresh}; a signature no cached key verifies fetches them again (fal
 * rotated), at most once a minute so forged calls cannot make us hammer fal. Concurrent requests
 * share one fetch.
 */
@ApplicationScoped
public class FalWebhookKeys {

  private static final Logger LOG = Logger.getLogger(FalWebhookKeys.class);

  /** X.509 SubjectPublicKeyInfo of an Ed25519 key, before its 32 raw bytes (RFC 8410). */
  private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  static final Duration MIN_REFETCH = Duration.ofMinutes(1);

  private record Cached(List<PublicKey> keys, Instant fetchedAt) {}

  private final FalConfig config;
  private final ObjectMapper json;
  private final HttpClient http;
  private volatile Cached cached;
  private final AtomicReference<CompletableFuture<Cached>> fetching = new AtomicReference<>();

  FalWebhookKeys(FalConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
  }

  /** The keys, from the cache while it is fresh. */
  Uni<List<PublicKey>> current() {
    Cached now = cached;
    if (now != null && now.fetchedAt().plus(config.webhookJwksRefresh()).isAfter(Instant.now())) {
      return Uni.createFrom().item(now.keys());
    }
    return fetch();
  }

  /** Fresh keys after a failed verification, unless they were fetched less than a minute ago. */
  Uni<List<PublicKey>> refreshed() {
    Cached now = cached;
    if (now != null && now.fetchedAt().plus(MIN_REFETCH).isAfter(Instant.now())) {
      return Uni.createFrom().item(List.of()); // nothing new to try
    }
    return fetch();
  }

  private Uni<List<PublicKey>> fetch() {
    CompletableFuture<Cached> mine = new CompletableFuture<>();
    CompletableFuture<Cached> running = fetching.compareAndExchange(null, mine);
    if (running != null) {
      return Uni.createFrom().completionStage(running).map(Cached::keys);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(config.webhookJwksUrl()))
            .timeout(config.requestTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, error) -> {
              try {
                if (error != null) {
                  throw new IOException(error.getMessage());
                }
                if (response.statusCode() != 200) {
                  throw new IOException("HTTP " + response.statusCode());
                }
                Cached fetched = new Cached(parse(response.body()), Instant.now());
                cached = fetched;
                mine.complete(fetched);
              } catch (IOException | RuntimeException e) {
                LOG.warnf("fal webhook keys could not be fetched: %s", e.getMessage());
                mine.completeExceptionally(
                    new ProblemException(
                        ProblemType.UNAVAILABLE,
                        "The webhook keys could not be fetched; try again later."));
              } finally {
                fetching.set(null);
              }
            });
    return Uni.createFrom().completionStage(mine).map(Cached::keys);
  }

  /** The Ed25519 keys of a JWKS document; other key types are skipped. */
  List<PublicKey> parse(String jwks) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (JsonNode key : json.readTree(jwks).path("keys")) {
      if (!"OKP".equals(key.path("kty").asText()) || !"Ed25519".equals(key.path("crv").asText())) {
        continue;
      }
      try {
        byte[] raw = Base64.getUrlDecoder().decode(key.path("x").asText());
        if (raw.length != 32) {
          continue;
        }
        byte[] der = new byte[ED25519_PREFIX.length + 32];
        System.arraycopy(ED25519_PREFIX, 0, der, 0, ED25519_PREFIX.length);
        System.arraycopy(raw, 0, der, ED25519_PREFIX.length, 32);
        keys.add(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
      } catch (IllegalArgumentException | GeneralSecurityException e) {
        LOG.warnf("fal webhook key %s skipped: %s", key.path("kid").asText("?"), e.getMessage());
      }
    }
    return keys;
  }
}
