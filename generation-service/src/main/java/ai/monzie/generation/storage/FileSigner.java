package ai.monzie.generation.storage;

import ai.monzie.generation.PublicUrls;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Short-lived signed file URLs: {@code /v1/files/<key>?expires=<epoch s>&sig=<HMAC-SHA256>}. The
 * URL itself is the permission, so an {@code <img>} tag can load it without a token, and only for a
 * few minutes.
 */
@ApplicationScoped
public class FileSigner {

  private static final Logger LOG = Logger.getLogger(FileSigner.class);
  public static final String PATH = "/v1/files/";

  private final byte[] key;
  private final Duration ttl;
  private final PublicUrls urls;
  private final Clock clock = Clock.systemUTC();

  FileSigner(
      @ConfigProperty(name = "monzie.files.signing-key") Optional<String> signingKey,
      @ConfigProperty(name = "monzie.files.url-ttl") Duration ttl,
      PublicUrls urls) {
    this.ttl = ttl;
    this.urls = urls;
    if (signingKey.isPresent() && !signingKey.get().isBlank()) {
      if (signingKey.get().length() < 32) {
        throw new IllegalStateException("monzie.files.signing-key must have 32 characters or more");
      }
      this.key = signingKey.get().getBytes(StandardCharsets.UTF_8);
    } else {
      // Development only: URLs signed here do not verify on another instance or after a restart.
      LOG.warn(
          "monzie.files.signing-key is not set: generated a key for this instance only; set"
              + " MONZIE_FILES_SIGNING_KEY wherever more than one instance runs");
      this.key = new byte[32];
      new SecureRandom().nextBytes(this.key);
    }
  }

  /** The absolute, signed URL of an object, valid for the configured time. */
  public String url(String objectKey) {
    return url(objectKey, clock.instant().plus(ttl));
  }

  public String url(String objectKey, Instant expires) {
    long epoch = expires.getEpochSecond();
    return urls.absolute(PATH + objectKey + "?expires=" + epoch + "&sig=" + sign(objectKey, epoch));
  }

  /** Whether the signature is ours for this key and expiry (the expiry itself is not checked). */
  public boolean verifies(String objectKey, long expires, String signature) {
    if (signature == null) {
      return false;
    }
    byte[] expected = sign(objectKey, expires).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  public boolean expired(long expires) {
    return clock.instant().getEpochSecond() > expires;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * The object key of a URL this service signed, if it is one (same base URL, files path, valid
   * signature). Never fetches anything: a URL we did not issue is simply not accepted.
   */
  public Optional<String> keyOfIssuedUrl(String url) {
    try {
      URI uri = URI.create(url);
      URI base = URI.create(urls.base());
      if (!java.util.Objects.equals(uri.getScheme(), base.getScheme())
          || !java.util.Objects.equals(uri.getAuthority(), base.getAuthority())
          || uri.getPath() == null
          || !uri.getPath().startsWith(base.getPath() + PATH)
          || uri.getRawQuery() == null) {
        return Optional.empty();
      }
      String objectKey = uri.getPath().substring((base.getPath() + PATH).length());
      Long expires = null;
      String sig = null;
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.startsWith("expires=")) {
          expires = Long.parseLong(pair.substring("expires=".length()));
        } else if (pair.startsWith("sig=")) {
          sig = pair.substring("sig=".length());
        }
      }
      if (!ObjectKeys.isSafe(objectKey) || expires == null || !verifies(objectKey, expires, sig)) {
        return Optional.empty();
      }
      return Optional.of(objectKey);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private String sign(String objectKey, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal((objectKey + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
