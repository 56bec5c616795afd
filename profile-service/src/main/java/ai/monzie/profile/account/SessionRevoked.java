package ai.monzie.profile.account;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code session.revoked} payload: the session ({@code sid} of its access tokens) ended before
 * its tokens expire, by logout or because a refresh token was presented twice.
 */
public record SessionRevoked(UUID sessionId, UUID userId, String reason, Instant revokedAt)
    implements DomainEvent {

  public static final String LOGOUT = "logout";
  public static final String REFRESH_TOKEN_REUSE = "refresh-token-reuse";

  @Override
  public String topic() {
    return Topics.SESSION_REVOKED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
