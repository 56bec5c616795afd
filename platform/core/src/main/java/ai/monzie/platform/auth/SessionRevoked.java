package ai.monzie.platform.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code session.revoked} payload: the session ({@code sid} of its access tokens) ended before
 * its tokens expire, by logout or because a refresh token was presented twice.
 */
@JsonIgnoreProperties(ignoreUnknown = true) // contract: consumers ignore fields they do not know
public record SessionRevoked(UUID sessionId, UUID userId, String reason, Instant revokedAt) {
  public static final String LOGOUT = "logout";
  public static final String REFRESH_TOKEN_REUSE = "refresh-token-reuse";
}
