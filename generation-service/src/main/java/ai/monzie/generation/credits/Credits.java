package ai.monzie.generation.credits;

import ai.monzie.generation.PublicUrls;
import ai.monzie.generation.quota.DailyQuota;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a generation costs and where it comes from, decided in the transaction that inserts the job.
 * Order: unlimited (a premium snapshot or an unlimited plan) spends nothing and is only counted; a
 * user with an active plan spends the period's plan credits, then packs (the daily allowance does
 * not apply); anyone else spends the free daily allowance, then packs. The spend is recorded in the
 * ledger under the generation's id, which is how the job remembers its bucket and grant: a refund
 * reads it back from there (and, when there is none, gives the daily unit back).
 */
@ApplicationScoped
public class Credits {

  private static final List<Bucket> PLAN_THEN_PACKS = List.of(Bucket.PLAN, Bucket.PACK);
  private static final List<Bucket> PACKS = List.of(Bucket.PACK);

  private final CreditLedger ledger;
  private final DailyQuota daily;
  private final PublicUrls urls;

  Credits(CreditLedger ledger, DailyQuota daily, PublicUrls urls) {
    this.ledger = ledger;
    this.daily = daily;
    this.urls = urls;
  }

  /**
   * Spends one generation for the user, in the caller's transaction; the day it counts for (the
   * job's quota_date). Fails with the daily limit's 429 or with {@link CreditsExhausted} (402).
   */
  /**
   * What a reservation took: the quota day it counts on, and whether the user pays (premium or an
   * active plan): paying users' jobs are claimed first (the queue's priority).
   */
  public record Reservation(LocalDate day, boolean paying) {}

  public Uni<Reservation> reserve(SqlConnection tx, UUID user, UUID generation, boolean premium) {
    if (premium) {
      return daily.reserve(tx, user, true).map(day -> new Reservation(day, true));
    }
    return reserveUnlessPremium(tx, user, generation);
  }

  private Uni<Reservation> reserveUnlessPremium(SqlConnection tx, UUID user, UUID generation) {
    LocalDate day = daily.today();
    return ledger
        .spendIfPlan(tx, user, generation)
        .flatMap(
            found -> {
              if (found.isEmpty() || !found.get().planActive()) {
                return free(tx, user, generation, day).map(d -> new Reservation(d, false));
              }
              if (found.get().entitlement().unlimited()) {
                return daily.reserve(tx, user, true).map(d -> new Reservation(d, true));
              }
              if (found.get().spent().isPresent()) {
                return Uni.createFrom().item(new Reservation(day, true));
              }
              // nothing left, or the spend waited on a grant's lock while a renewal closed that
              // grant: its re-check saw only that row, under a snapshot from before the new period
              // was committed. A second statement takes a new snapshot and sees the new period.
              return ledger
                  .spend(tx, user, generation, PLAN_THEN_PACKS)
                  .map(
                      spent ->
                          spent.map(b -> new Reservation(day, true)).orElseThrow(this::exhausted));
            });
  }

  /** Without a plan: the free daily allowance, then packs. */
  private Uni<LocalDate> free(SqlConnection tx, UUID user, UUID generation, LocalDate day) {
    return daily
        .tryReserve(tx, user, day, false)
        .flatMap(
            won ->
                won
                    ? Uni.createFrom().item(day)
                    : ledger
                        .spend(tx, user, generation, PACKS)
                        .flatMap(
                            spent ->
                                spent.isPresent()
                                    ? Uni.createFrom().item(day)
                                    : refuseFree(tx, user, day)));
  }

  /**
   * Gives a failed (or cancelled) generation back to where it was taken from, in the transaction
   * that marks it failed: the grant of its ledger spend, once per generation, or else the daily
   * unit of its day.
   */
  public Uni<Void> refund(SqlConnection tx, UUID user, UUID generation, LocalDate day) {
    return ledger
        .refund(tx, user, generation)
        .flatMap(credited -> credited ? Uni.createFrom().voidItem() : daily.refund(tx, user, day));
  }

  /** Out of the daily allowance and of packs: 402 for a user who bought packs, else the 429. */
  private Uni<LocalDate> refuseFree(SqlConnection tx, UUID user, LocalDate day) {
    return ledger
        .hasPacks(tx, user)
        .flatMap(
            bought ->
                bought
                    ? Uni.createFrom().failure(exhausted())
                    : daily.<LocalDate>refuse(tx, user, day));
  }

  private CreditsExhausted exhausted() {
    return new CreditsExhausted(urls.absolute("/v1/plans"));
  }
}
