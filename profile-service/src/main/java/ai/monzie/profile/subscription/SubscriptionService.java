package ai.monzie.profile.subscription;

import ai.monzie.profile.plan.Plan;
import ai.monzie.profile.plan.PlanRepository;
import ai.monzie.profile.profile.ProfileRepository;
import ai.monzie.profile.subscription.StoreEvent.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies store events (RevenueCat, Adapty) in ONE transaction each: the store_events row that
 * makes a replay change nothing, the profile's premium state, the user's plan period ({@link
 * Entitlements}) and the events they cause. The product id names the plan; an unknown product is
 * recorded, answered 200 and counted ({@code monzie.store.unknown.products}), and grants nothing.
 */
@ApplicationScoped
public class SubscriptionService {

  private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

  private final Pool pool;
  private final ProfileRepository profiles;
  private final StoreEventLog log;
  private final PlanRepository plans;
  private final EntitlementRepository users;
  private final Entitlements entitlements;
  private final MeterRegistry meters;

  SubscriptionService(
      Pool pool,
      ProfileRepository profiles,
      StoreEventLog log,
      PlanRepository plans,
      EntitlementRepository users,
      Entitlements entitlements,
      MeterRegistry meters) {
    this.pool = pool;
    this.profiles = profiles;
    this.log = log;
    this.plans = plans;
    this.users = users;
    this.entitlements = entitlements;
    this.meters = meters;
  }

  /** The profile state an event leads to; null = the event does not change the profile. */
  record Transition(String status, Boolean premium) {}

  /**
   * is_premium means unlimited (the seed's premium): only a plan with {@code unlimited} sets it; a
   * credit plan shows its subscription status with is_premium false.
   */
  static Transition transition(Kind kind, Instant expiration, Plan plan) {
    boolean live = expiration == null || expiration.isAfter(Instant.now());
    boolean premium = live && plan.unlimited();
    return switch (kind) {
      case PERIOD -> new Transition("active", premium);
      // still entitled until the period ends; the sweep or reads end it at expiry
      case CANCELLED -> new Transition("canceled", premium);
      case BILLING_ISSUE -> new Transition("billing_issue", premium);
      case PAUSED -> new Transition("paused", premium);
      case EXPIRED -> new Transition("expired", false);
      case REFUNDED -> new Transition("refunded", false);
      default -> null;
    };
  }

  /** A RevenueCat {@code event} object. */
  public Uni<Void> applyRevenueCat(JsonNode event) {
    StoreEvent e = RevenueCatEvents.from(event);
    if (e.kind() == Kind.TRANSFER) {
      return pool.withTransaction(
          tx ->
              log.recordFirstSeen(tx, e)
                  .flatMap(
                      first ->
                          first
                              ? transfer(tx, event, e)
                                  .call(() -> log.outcome(tx, e.id(), null, "applied"))
                              : Uni.createFrom().voidItem()));
    }
    return apply(e);
  }

  public Uni<Void> apply(StoreEvent e) {
    return pool.withTransaction(
        tx ->
            log.recordFirstSeen(tx, e)
                .flatMap(
                    first -> {
                      if (!first) {
                        LOG.debugf("%s event %s seen before", e.store(), e.id());
                        return Uni.createFrom().voidItem();
                      }
                      return applyFirst(tx, e);
                    }));
  }

  private Uni<Void> applyFirst(SqlConnection tx, StoreEvent e) {
    if (e.kind() == Kind.OTHER) {
      LOG.infof("%s event type %s ignored", e.store(), e.type());
      return log.outcome(tx, e.id(), null, "ignored");
    }
    if (e.productId() == null) {
      return log.outcome(tx, e.id(), null, "no_product");
    }
    return plans
        .findByProduct(tx, e.productId())
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                meters.counter("monzie.store.unknown.products", "store", e.store()).increment();
                LOG.warnf(
                    "%s event %s names product %s, which no plan sells; recorded, nothing granted",
                    e.store(), e.id(), e.productId());
                return log.outcome(tx, e.id(), null, "unknown_product");
              }
              Plan plan = found.get();
              StoreEvent event = e.forPlanKind(plan.isPack());
              return users
                  .firstUser(tx, e.userIds())
                  .flatMap(
                      user -> {
                        if (user.isEmpty()) {
                          // the app may report a purchase before sign-up, or for an anonymous id
                          LOG.warnf(
                              "%s event %s (%s) names no known user; recorded and ignored",
                              e.store(), e.id(), e.type());
                          return log.outcome(tx, e.id(), null, "unknown_user");
                        }
                        return premium(tx, event, plan)
                            .flatMap(x -> entitlements.apply(tx, user.get(), plan, event))
                            .flatMap(outcome -> log.outcome(tx, e.id(), user.get(), outcome));
                      });
            });
  }

  private Uni<Void> premium(SqlConnection tx, StoreEvent e, Plan plan) {
    Transition t = plan.isPack() ? null : transition(e.kind(), e.periodEnd(), plan);
    return t == null ? Uni.createFrom().voidItem() : applyTo(tx, e.userIds(), t, e);
  }

  private Uni<Void> applyTo(SqlConnection tx, List<UUID> candidates, Transition t, StoreEvent e) {
    return profiles
        .applySubscription(
            tx,
            candidates,
            t.premium(),
            t.status(),
            e.periodEnd() == null ? null : OffsetDateTime.ofInstant(e.periodEnd(), ZoneOffset.UTC),
            // the column keeps RevenueCat's id of the customer (the seed's revenue_cat_user_id)
            e.store().equals(StoreEvent.REVENUECAT) ? e.storeUserId() : null,
            e.occurredAt().toEpochMilli())
        .flatMap(
            changed -> {
              if (changed.isEmpty()) {
                LOG.infof(
                    "%s event %s is older than the profile's state or names no profile; not applied",
                    e.store(), e.id());
                return Uni.createFrom().voidItem();
              }
              return profiles.publishChanged(tx, changed.get()).replaceWithVoid();
            });
  }

  /** Premium moves from the users in transferred_from to those in transferred_to (RevenueCat). */
  private Uni<Void> transfer(SqlConnection tx, JsonNode event, StoreEvent e) {
    List<UUID> from = RevenueCatEvents.uuids(event.path("transferred_from"));
    List<UUID> to = RevenueCatEvents.uuids(event.path("transferred_to"));
    Uni<Void> off =
        from.isEmpty()
            ? Uni.createFrom().voidItem()
            : applyTo(tx, from, new Transition("transferred", false), e);
    return off.flatMap(
        x ->
            to.isEmpty()
                ? Uni.createFrom().voidItem()
                : applyTo(tx, to, new Transition("active", true), e));
  }

  /** Premium ends at the expiry even when no EXPIRATION webhook ever arrives. */
  @Scheduled(
      every = "${monzie.revenuecat.expiry-sweep-interval}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> sweepExpired() {
    return expireNow().replaceWithVoid();
  }

  public Uni<Integer> expireNow() {
    return pool.withTransaction(
        tx ->
            profiles
                .expireSubscriptions(tx)
                .flatMap(
                    expired ->
                        Multi.createFrom()
                            .iterable(expired)
                            .onItem()
                            .transformToUniAndConcatenate(p -> profiles.publishChanged(tx, p))
                            .collect()
                            .asList()
                            .map(List::size)));
  }
}
