package ai.monzie.profile.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A store webhook (RevenueCat or Adapty) in the terms the entitlement rules need; each store's
 * mapper ({@link RevenueCatEvents}, {@link AdaptyEvents}) reads its own wire format into it.
 *
 * @param occurredAt the store's own time of the event: what orders events of one user
 * @param periodStart the period's start when the store says it (purchase time), else null
 * @param periodEnd the period's end when the store says it (expiration), else null
 * @param storeUserId the store's own id of the customer (RevenueCat original_app_user_id, Adapty
 *     profile_id)
 */
public record StoreEvent(
    String store,
    String id,
    String type,
    Kind kind,
    List<UUID> userIds,
    String productId,
    Instant occurredAt,
    Instant periodStart,
    Instant periodEnd,
    String transactionId,
    String storeUserId) {

  public static final String REVENUECAT = "revenuecat";
  public static final String ADAPTY = "adapty";

  /** What the event means for an entitlement, whatever the store calls it. */
  public enum Kind {
    /** a subscription period starts or renews (purchase, renewal, product change, uncancel) */
    PERIOD,
    /** a one-off purchase (a credit pack) */
    PURCHASE,
    /** auto-renew turned off: the period runs to its end */
    CANCELLED,
    /** money given back: a subscription ends now, a pack's credits are taken back */
    REFUNDED,
    EXPIRED,
    BILLING_ISSUE,
    PAUSED,
    /** RevenueCat only: the entitlement moves between app user ids */
    TRANSFER,
    /** anything else: recorded, changes nothing */
    OTHER
  }

  /** A subscription event for a pack product is a purchase, and a one-off of a plan a period. */
  StoreEvent forPlanKind(boolean pack) {
    Kind adjusted = kind;
    if (pack && kind == Kind.PERIOD) {
      adjusted = Kind.PURCHASE;
    } else if (!pack && kind == Kind.PURCHASE) {
      adjusted = Kind.PERIOD;
    }
    return new StoreEvent(
        store,
        id,
        type,
        adjusted,
        userIds,
        productId,
        occurredAt,
        periodStart,
        periodEnd,
        transactionId,
        storeUserId);
  }
}
