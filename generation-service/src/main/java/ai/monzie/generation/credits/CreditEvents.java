package ai.monzie.generation.credits;

import ai.monzie.platform.auth.Revocations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Applies plan and pack events to the ledger, in the consumer's transaction. Each is idempotent on
 * its own (the ledger key is the store event id), beyond the consumer's processed_events: a grant
 * delivered twice adds once, a revocation before its grant revokes the grant when it arrives, and
 * an entitlement older than the stored one (changed_at) changes nothing.
 */
@ApplicationScoped
public class CreditEvents {

  private static final Logger LOG = Logger.getLogger(CreditEvents.class);

  private final CreditLedger ledger;
  private final Revocations revocations;

  CreditEvents(CreditLedger ledger, Revocations revocations) {
    this.ledger = ledger;
    this.revocations = revocations;
  }

  public Uni<Void> apply(SqlConnection tx, CreditEvent event) {
    // a late event about a deleted user must not bring rows back (user.deleted removed them)
    return revocations
        .isDeleted(tx, event.userId())
        .flatMap(
            deleted -> {
              if (deleted) {
                return Uni.createFrom().voidItem();
              }
              if (event instanceof CreditEvent.EntitlementChanged changed) {
                return entitlement(tx, changed);
              }
              if (event instanceof CreditEvent.CreditsGranted granted) {
                return granted(tx, granted);
              }
              CreditEvent.CreditsRevoked revoked = (CreditEvent.CreditsRevoked) event;
              return ledger.revoke(
                  tx,
                  revoked.userId(),
                  revoked.grantSourceEventId(),
                  revoked.amount(),
                  revoked.sourceEventId());
            });
  }

  /**
   * A new period (another plan, or the same plan's next period) expires what is left of the current
   * one and grants the new credits; the same period again (a cancellation that keeps it to its end)
   * only moves its end. Unlimited and free grant nothing.
   */
  private Uni<Void> entitlement(SqlConnection tx, CreditEvent.EntitlementChanged event) {
    Entitlement next = event.entitlement();
    return ledger
        .lockEntitlement(tx, event.userId())
        .flatMap(
            found -> {
              Entitlement current = found.orElse(null);
              if (current != null
                  && (current.changedAt().isAfter(next.changedAt())
                      || current.sourceEventId().equals(next.sourceEventId()))) {
                LOG.infof(
                    "entitlement.changed %s for %s is older than the stored one: ignored",
                    next.sourceEventId(), event.userId());
                return Uni.createFrom().voidItem();
              }
              Uni<Void> credits =
                  next.samePeriodAs(current)
                      ? ledger.setPlanEnd(tx, event.userId(), next.periodEnd())
                      : ledger
                          .closeOpenPlan(tx, event.userId(), next.sourceEventId())
                          .call(
                              () ->
                                  next.credits() > 0
                                      ? ledger.grant(
                                          tx,
                                          event.userId(),
                                          Bucket.PLAN,
                                          next.sourceEventId(),
                                          next.credits(),
                                          next.periodEnd())
                                      : Uni.createFrom().voidItem());
              return credits.call(() -> ledger.saveEntitlement(tx, event.userId(), next));
            });
  }

  private Uni<Void> granted(SqlConnection tx, CreditEvent.CreditsGranted event) {
    return ledger
        .grant(
            tx,
            event.userId(),
            Bucket.PACK,
            event.sourceEventId(),
            event.amount(),
            event.expiresAt())
        .flatMap(
            closed ->
                closed.orElse(false) // refunded before it arrived: revoke it now, once
                    ? ledger.revoke(
                        tx,
                        event.userId(),
                        event.sourceEventId(),
                        event.amount(),
                        event.sourceEventId())
                    : Uni.createFrom().voidItem());
  }
}
