package ai.monzie.profile.subscription;

import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.profile.plan.Plan;
import ai.monzie.profile.subscription.EntitlementRepository.Subscription;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * The entitlement state machine: one store event (already deduplicated, its plan known) against the
 * user's locked subscription row, and the events it causes, in the caller's transaction. Returns
 * the outcome recorded in store_events.
 *
 * <p>Ordering: an event whose store time is not after the last one applied to the user is stale and
 * changes nothing, so a RENEWAL delivered after the EXPIRATION that followed it never resurrects
 * the plan. A period event repeating the current period (same plan, same end: an UNCANCELLATION, a
 * re-sent renewal) starts nothing new, so credits cannot be refilled by toggling auto-renew.
 */
@ApplicationScoped
public class Entitlements {

  static final String APPLIED = "applied";

  private final EntitlementRepository subscriptions;
  private final StoreEventLog log;
  private final OutboxWriter outbox;

  Entitlements(EntitlementRepository subscriptions, StoreEventLog log, OutboxWriter outbox) {
    this.subscriptions = subscriptions;
    this.log = log;
    this.outbox = outbox;
  }

  public Uni<String> apply(SqlConnection tx, UUID userId, Plan plan, StoreEvent e) {
    return switch (e.kind()) {
      case PURCHASE -> grantPack(tx, userId, plan, e);
      case REFUNDED -> plan.isPack() ? revokePack(tx, userId, e) : withLock(tx, userId, plan, e);
      case PERIOD, EXPIRED, CANCELLED -> withLock(tx, userId, plan, e);
      default -> Uni.createFrom().item("recorded");
    };
  }

  private Uni<String> withLock(SqlConnection tx, UUID userId, Plan plan, StoreEvent e) {
    return subscriptions
        .lock(tx, userId, e.store())
        .flatMap(
            current -> {
              if (!e.occurredAt().isAfter(current.lastEventAt())) {
                return Uni.createFrom().item("stale");
              }
              return switch (e.kind()) {
                case PERIOD -> startPeriod(tx, current, plan, e);
                case CANCELLED -> cancel(tx, current, plan, e);
                default -> end(tx, current, plan, e);
              };
            });
  }

  private Uni<String> startPeriod(SqlConnection tx, Subscription current, Plan plan, StoreEvent e) {
    Instant start = e.periodStart() != null ? e.periodStart() : e.occurredAt();
    Instant end =
        e.periodEnd() != null ? e.periodEnd() : start.plus(Duration.ofDays(plan.periodDays()));
    boolean live = current.status().equals("active") || current.status().equals("canceled");
    if (live && plan.key().equals(current.planKey()) && end.equals(current.periodEnd())) {
      return subscriptions
          .save(tx, current.userId(), e, plan.key(), "active", current.periodStart(), end)
          .replaceWith("same_period");
    }
    return subscriptions
        .save(tx, current.userId(), e, plan.key(), "active", start, end)
        .call(
            () ->
                outbox.append(
                    tx,
                    new EntitlementChanged(
                        current.userId(),
                        plan.key(),
                        plan.periodCredits(),
                        time(start),
                        time(end),
                        plan.unlimited(),
                        e.id(),
                        now())))
        .replaceWith(APPLIED);
  }

  /** Auto-renew off: the period runs to its end; nothing changes for generation. */
  private Uni<String> cancel(SqlConnection tx, Subscription current, Plan plan, StoreEvent e) {
    if (!plan.key().equals(current.planKey())) {
      return Uni.createFrom().item("other_plan");
    }
    return subscriptions
        .save(
            tx,
            current.userId(),
            e,
            current.planKey(),
            "canceled",
            current.periodStart(),
            current.periodEnd())
        .replaceWith(APPLIED);
  }

  /** Expiration or refund of the current plan: back to free now. */
  private Uni<String> end(SqlConnection tx, Subscription current, Plan plan, StoreEvent e) {
    if (current.planKey() == null) {
      return Uni.createFrom().item("no_plan");
    }
    // the end of a product the user has since left (PRODUCT_CHANGE) does not end the new one
    if (!Objects.equals(plan.key(), current.planKey())) {
      return Uni.createFrom().item("other_plan");
    }
    String status = e.kind() == StoreEvent.Kind.REFUNDED ? "refunded" : "expired";
    return subscriptions
        .save(tx, current.userId(), e, null, status, e.occurredAt(), null)
        .call(
            () ->
                outbox.append(
                    tx,
                    new EntitlementChanged(
                        current.userId(),
                        null,
                        0,
                        time(e.occurredAt()),
                        null,
                        false,
                        e.id(),
                        now())))
        .replaceWith(APPLIED);
  }

  private Uni<String> grantPack(SqlConnection tx, UUID userId, Plan plan, StoreEvent e) {
    return log.refundSeen(tx, e.store(), e.transactionId())
        .flatMap(
            refunded -> {
              if (refunded) {
                return Uni.createFrom().item("refunded_before_delivery");
              }
              return subscriptions
                  .grant(tx, userId, e, plan.credits())
                  .flatMap(
                      fresh ->
                          !fresh
                              ? Uni.createFrom().item("granted_before")
                              : outbox
                                  .append(
                                      tx,
                                      new CreditsGranted(
                                          userId, plan.credits(), e.id(), null, now()))
                                  .replaceWith(APPLIED));
            });
  }

  private Uni<String> revokePack(SqlConnection tx, UUID userId, StoreEvent e) {
    return subscriptions
        .revoke(tx, userId, e)
        .flatMap(
            grant ->
                grant.isEmpty()
                    ? Uni.createFrom().item("refund_without_grant")
                    : outbox
                        .append(
                            tx,
                            new CreditsRevoked(
                                userId,
                                grant.get().amount(),
                                e.id(),
                                grant.get().sourceEventId(),
                                now()))
                        .replaceWith(APPLIED));
  }

  private static OffsetDateTime time(Instant instant) {
    return EntitlementRepository.time(instant);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
