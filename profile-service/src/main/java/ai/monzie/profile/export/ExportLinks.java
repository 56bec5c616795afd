package ai.monzie.profile.export;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signed download links of export archives: {@code /v1/profiles/me/export/<id>/archive?expires=
 * <epoch s>&sig=<HMAC-SHA256>}. The signed text is {@code export-archive\n<export id>\n<expires>}
 * and the link can only name an export id: it resolves to that export's archive and nothing else,
 * and no other signed URL (generation's file links sign {@code <object key>\n<expires>} with their
 * own key) verifies here.
 */
@ApplicationScoped
public class ExportLinks {

  private static final Logger LOG = Logger.getLogger(ExportLinks.class);
  static final String PURPOSE = "export-archive";

  private final byte[] key;
  private final String base;

  ExportLinks(ExportConfig config, @ConfigProperty(name = "monzie.public-base-url") String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    if (config.signingKey().isPresent() && !config.signingKey().get().isBlank()) {
      if (config.signingKey().get().length() < 32) {
        throw new IllegalStateException(
            "monzie.export.signing-key must have 32 characters or more");
      }
      this.key = config.signingKey().get().getBytes(StandardCharsets.UTF_8);
    } else {
      LOG.warn(
          "monzie.export.signing-key is not set: generated a key for this instance only; set"
              + " MONZIE_EXPORT_SIGNING_KEY wherever more than one instance runs");
      this.key = new byte[32];
      new SecureRandom().nextBytes(this.key);
    }
  }

  public static String path(UUID export) {
    return "/v1/profiles/me/export/" + export + "/archive";
  }

  public String url(UUID export, Instant expires) {
    long epoch = expires.getEpochSecond();
    return base + path(export) + "?expires=" + epoch + "&sig=" + sign(export, epoch);
  }

  /** Whether the signature is ours for this export and expiry, and the expiry is still ahead. */
  public boolean verifies(UUID export, long expires, String signature, Instant now) {
    if (signature == null || now.getEpochSecond() > expires) {
      return false;
    }
    byte[] expected = sign(export, expires).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(UUID export, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal((PURPOSE + "\n" + export + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
