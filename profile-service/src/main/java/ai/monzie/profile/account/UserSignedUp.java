package ai.monzie.profile.account;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import ai.monzie.profile.profile.Profile;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The {@code user.signed-up} payload (deploy/contracts/schemas/user.signed-up.json). */
public record UserSignedUp(
    UUID userId, String email, String gender, String displayName, OffsetDateTime createdAt)
    implements DomainEvent {

  public static UserSignedUp of(Profile profile) {
    return new UserSignedUp(
        profile.id(),
        profile.email(),
        profile.gender(),
        profile.displayName(),
        profile.createdAt());
  }

  @Override
  public String topic() {
    return Topics.USER_SIGNED_UP;
  }

  @Override
  public Object key() {
    return userId;
  }
}
