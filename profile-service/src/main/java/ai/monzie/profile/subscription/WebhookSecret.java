package ai.monzie.profile.subscription;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The shared secret a store sends in the Authorization header (bare or as "Bearer <secret>"). */
final class WebhookSecret {
  private WebhookSecret() {}

  /**
   * Constant-time comparison: the answer time says nothing about how much of a guess was right. An
   * unset secret refuses everything.
   */
  static void require(Optional<String> configured, String authorization) {
    String secret = configured.filter(s -> !s.isBlank()).orElse(null);
    String presented =
        authorization == null ? "" : authorization.replaceFirst("^Bearer\\s+", "").trim();
    if (secret == null
        || !MessageDigest.isEqual(
            presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      throw new ProblemException(ProblemType.UNAUTHORIZED, "Missing or wrong webhook secret.");
    }
  }
}
