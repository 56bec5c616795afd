package ai.monzie.generation.credits;

import ai.monzie.generation.quota.DailyQuota;
import ai.monzie.generation.quota.Usage;
import ai.monzie.generation.snapshot.UserSnapshots;
import ai.monzie.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the user has left (GET /v1/usage) and the history of it (GET /v1/usage/ledger). */
@ApplicationScoped
public class CreditUsage {

  private final Pool pool;
  private final CreditLedger ledger;
  private final DailyQuota daily;
  private final UserSnapshots users;
  private final CreditsConfig config;

  CreditUsage(
      Pool pool, CreditLedger ledger, DailyQuota daily, UserSnapshots users, CreditsConfig config) {
    this.pool = pool;
    this.ledger = ledger;
    this.daily = daily;
    this.users = users;
    this.config = config;
  }

  public Uni<CreditUsageView> usage(UUID user) {
    Instant now = Instant.now();
    return Uni.combine()
        .all()
        .unis(
            users.isPremium(user),
            ledger.entitlement(pool, user),
            ledger.openGrants(pool, user),
            daily.usageToday(user, false))
        .asTuple()
        .map(
            all -> {
              Entitlement plan = all.getItem2().filter(e -> e.activeAt(now)).orElse(null);
              boolean unlimited = unlimited(all.getItem1(), all.getItem2(), now);
              List<CreditLedger.Grant> grants = all.getItem3();
              int packs =
                  grants.stream()
                      .filter(g -> g.bucket() == Bucket.PACK)
                      .filter(g -> g.expiresAt() == null || g.expiresAt().isAfter(now))
                      .mapToInt(CreditLedger.Grant::balance)
                      .sum();
              CreditLedger.Grant period =
                  grants.stream().filter(g -> g.bucket() == Bucket.PLAN).findFirst().orElse(null);
              CreditUsageView.PlanUsage planUsage =
                  plan == null
                      ? null
                      : new CreditUsageView.PlanUsage(
                          plan.planKey(),
                          plan.credits(),
                          period == null ? 0 : period.granted() - period.balance(),
                          plan.periodEnd());
              int planLeft = plan == null || period == null ? 0 : period.balance();
              CreditUsageView.DailyUsage dailyUsage = null;
              int dailyLeft = 0;
              if (plan == null && !unlimited) {
                var today = all.getItem4();
                dailyUsage =
                    new CreditUsageView.DailyUsage(today.used(), today.limit(), today.resetsAt());
                dailyLeft = Math.max(0, today.limit() - today.used());
              }
              return new CreditUsageView(
                  planUsage,
                  dailyUsage,
                  new CreditUsageView.PackUsage(packs),
                  unlimited,
                  unlimited ? null : planLeft + dailyLeft + packs);
            });
  }

  /**
   * Today's count (GET /v1/usage/today). is_premium is what admission decides: a premium snapshot
   * or an active unlimited plan, which arrive by two different events and in either order.
   */
  public Uni<Usage> today(UUID user) {
    Instant now = Instant.now();
    return Uni.combine()
        .all()
        .unis(users.isPremium(user), ledger.entitlement(pool, user))
        .asTuple()
        .map(all -> unlimited(all.getItem1(), all.getItem2(), now))
        .flatMap(unlimited -> daily.usageToday(user, unlimited));
  }

  /** Unlimited, as admission decides it: a premium snapshot or an active unlimited plan. */
  private static boolean unlimited(
      boolean premium, Optional<Entitlement> entitlement, Instant now) {
    return premium || entitlement.filter(e -> e.activeAt(now) && e.unlimited()).isPresent();
  }

  public Uni<LedgerPage> history(UUID user, String limit, String cursor) {
    int size = parseLimit(limit);
    Long before = cursor == null || cursor.isBlank() ? null : decode(cursor);
    return ledger
        .page(pool, user, size, before)
        .map(
            rows -> {
              List<LedgerPage.Entry> items =
                  rows.stream()
                      .limit(size)
                      .map(
                          r ->
                              new LedgerPage.Entry(
                                  r.kind(), r.bucket(), r.amount(), r.cause(), r.createdAt()))
                      .toList();
              String next = rows.size() > size ? encode(rows.get(size - 1).id()) : null;
              return new LedgerPage(items, next);
            });
  }

  private int parseLimit(String limit) {
    if (limit == null || limit.isBlank()) {
      return config.ledgerPageSize();
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= config.ledgerMaxPageSize()) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.invalid(
        "limit", "must be a whole number from 1 to " + config.ledgerMaxPageSize());
  }

  private static String encode(long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("l:" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static long decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!raw.startsWith("l:")) {
        throw new IllegalArgumentException(raw);
      }
      return Long.parseLong(raw.substring(2));
    } catch (RuntimeException e) {
      throw ProblemException.invalid(
          "cursor", "not a cursor this API returned; start again without it");
    }
  }
}
