package ai.monzie.profile.subscription;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code entitlement.changed}: the user's plan period started, renewed, changed product or ended
 * (plan_key null = back to free). credits is the plan's allowance for this period, 0 when unlimited
 * or free; unused credits of the previous period do not roll over.
 */
public record EntitlementChanged(
    UUID userId,
    String planKey,
    int credits,
    OffsetDateTime periodStart,
    OffsetDateTime periodEnd,
    boolean unlimited,
    String sourceEventId,
    OffsetDateTime changedAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return Topics.ENTITLEMENT_CHANGED;
  }

  @Override
  public Object key() {
    return userId;
  }
}
