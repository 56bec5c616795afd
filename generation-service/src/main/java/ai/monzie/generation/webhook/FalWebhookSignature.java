package ai.monzie.generation.webhook;

import ai.monzie.generation.model.FalConfig;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * fal's documented webhook signature: hex ED25519 over {@code request_id \n user_id \n timestamp \n
 * sha256_hex(raw body)}, from the {@code X-Fal-Webhook-*} headers, by one of fal's JWKS keys, with
 * the timestamp (Unix seconds) within {@code monzie.fal.webhook-tolerance} of our clock.
 */
@ApplicationScoped
public class FalWebhookSignature {

  /** The signed headers of one call. */
  public record Headers(String requestId, String userId, String timestamp, String signature) {}

  private final FalWebhookKeys keys;
  private final FalConfig config;

  FalWebhookSignature(FalWebhookKeys keys, FalConfig config) {
    this.keys = keys;
    this.config = config;
  }

  /** Completes when the call is fal's; fails with a 401 problem otherwise (no detail of why). */
  public Uni<Void> verify(Headers headers, byte[] body) {
    byte[] message;
    byte[] signature;
    try {
      message = message(headers, body);
      signature = HexFormat.of().parseHex(headers.signature().trim());
    } catch (IllegalArgumentException | NullPointerException e) {
      return Uni.createFrom().failure(refused("The fal webhook signature headers are missing."));
    }
    if (signature.length != 64) {
      return Uni.createFrom().failure(refused("The fal webhook signature is malformed."));
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(headers.timestamp().trim());
    } catch (NumberFormatException e) {
      return Uni.createFrom().failure(refused("The fal webhook timestamp is malformed."));
    }
    long skew = Math.abs(Instant.now().getEpochSecond() - timestamp);
    if (skew > config.webhookTolerance().toSeconds()) {
      return Uni.createFrom().failure(refused("The fal webhook timestamp is too old or too new."));
    }
    return keys.current()
        .flatMap(
            current ->
                verifies(current, message, signature)
                    ? Uni.createFrom().voidItem()
                    // not one of the cached keys: fal may have rotated them
                    : keys.refreshed()
                        .map(
                            fresh -> {
                              if (!verifies(fresh, message, signature)) {
                                throw refused("The fal webhook signature does not verify.");
                              }
                              return null;
                            }));
  }

  private static byte[] message(Headers headers, byte[] body) {
    if (blank(headers.requestId())
        || blank(headers.userId())
        || blank(headers.timestamp())
        || blank(headers.signature())) {
      throw new IllegalArgumentException("missing");
    }
    String digest;
    try {
      digest =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return String.join(
            "\n", headers.requestId(), headers.userId(), headers.timestamp().trim(), digest)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static boolean verifies(List<PublicKey> keys, byte[] message, byte[] signature) {
    for (PublicKey key : keys) {
      try {
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(key);
        ed25519.update(message);
        if (ed25519.verify(signature)) {
          return true;
        }
      } catch (GeneralSecurityException e) {
        // a key that cannot verify this signature: try the next
      }
    }
    return false;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static ProblemException refused(String detail) {
    return new ProblemException(ProblemType.UNAUTHORIZED, detail);
  }
}
