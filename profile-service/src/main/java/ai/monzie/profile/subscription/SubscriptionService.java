package ai.monzie.profile.subscription;

import ai.monzie.profile.profile.ProfileRepository;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies RevenueCat entitlement events. Idempotent by {@code event.id}; an event older than the
 * last one applied to that profile (by {@code event_timestamp_ms}) changes nothing, so a late
 * RENEWAL cannot resurrect an expired subscription.
 */
@ApplicationScoped
public class SubscriptionService {

  private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

  private final Pool pool;
  private final ProfileRepository profiles;
  private final RevenueCatEventLog seen;

  SubscriptionService(Pool pool, ProfileRepository profiles, RevenueCatEventLog seen) {
    this.pool = pool;
    this.profiles = profiles;
    this.seen = seen;
  }

  /** The state an event type leads to; null = the event does not change the subscription. */
  record Transition(String status, Boolean premium) {}

  static Transition transition(String type, Instant expiration) {
    boolean live = expiration == null || expiration.isAfter(Instant.now());
    return switch (type) {
      case "INITIAL_PURCHASE", "RENEWAL", "PRODUCT_CHANGE", "UNCANCELLATION" ->
          new Transition("active", live);
      // still entitled until the period ends; the sweep or reads end it at expiry
      case "CANCELLATION" -> new Transition("canceled", live);
      case "BILLING_ISSUE" -> new Transition("billing_issue", live);
      case "SUBSCRIPTION_PAUSED" -> new Transition("paused", live);
      case "EXPIRATION" -> new Transition("expired", false);
      default -> null;
    };
  }

  public Uni<Void> apply(JsonNode event) {
    String id = event.path("id").asText("");
    String type = event.path("type").asText("");
    return pool.withTransaction(
        tx ->
            seen.recordFirstSeen(tx, id, type)
                .flatMap(
                    first -> {
                      if (!first) {
                        LOG.debugf("RevenueCat event %s seen before", id);
                        return Uni.createFrom().voidItem();
                      }
                      if (type.equals("TRANSFER")) {
                        return transfer(tx, event);
                      }
                      Transition transition = transition(type, instant(event, "expiration_at_ms"));
                      if (transition == null) {
                        LOG.infof("RevenueCat event type %s ignored", type);
                        return Uni.createFrom().voidItem();
                      }
                      return userIds(event).isEmpty()
                          ? unknownUser(event)
                          : applyTo(tx, userIds(event), transition, event);
                    }));
  }

  private Uni<Void> applyTo(SqlConnection tx, List<UUID> candidates, Transition t, JsonNode event) {
    Instant expiration = instant(event, "expiration_at_ms");
    long eventMs = event.path("event_timestamp_ms").asLong(System.currentTimeMillis());
    return profiles
        .applySubscription(
            tx,
            candidates,
            t.premium(),
            t.status(),
            expiration == null ? null : OffsetDateTime.ofInstant(expiration, ZoneOffset.UTC),
            textOrNull(event, "original_app_user_id"),
            eventMs)
        .flatMap(
            changed -> {
              if (changed.isEmpty()) {
                LOG.infof(
                    "RevenueCat event %s is older than the profile's state or names no profile; not applied",
                    event.path("id").asText());
                return Uni.createFrom().voidItem();
              }
              return profiles.publishChanged(tx, changed.get()).replaceWithVoid();
            });
  }

  /** Entitlements move from the users in transferred_from to those in transferred_to. */
  private Uni<Void> transfer(SqlConnection tx, JsonNode event) {
    List<UUID> from = uuids(event.path("transferred_from"));
    List<UUID> to = uuids(event.path("transferred_to"));
    Uni<Void> off =
        from.isEmpty()
            ? Uni.createFrom().voidItem()
            : applyTo(tx, from, new Transition("transferred", false), event);
    return off.flatMap(
        x ->
            to.isEmpty()
                ? Uni.createFrom().voidItem()
                : applyTo(tx, to, new Transition("active", true), event));
  }

  private Uni<Void> unknownUser(JsonNode event) {
    // the app may report a purchase before sign-up, or for an anonymous RevenueCat id
    LOG.warnf(
        "RevenueCat event %s (%s) names no known user; recorded and ignored",
        event.path("id").asText(), event.path("type").asText());
    return Uni.createFrom().voidItem();
  }

  /** Our user id is the RevenueCat app_user_id; aliases and the original id are tried too. */
  static List<UUID> userIds(JsonNode event) {
    List<UUID> ids = new ArrayList<>();
    addUuid(ids, event.path("app_user_id"));
    addUuid(ids, event.path("original_app_user_id"));
    event.path("aliases").forEach(a -> addUuid(ids, a));
    return ids.stream().distinct().toList();
  }

  private static List<UUID> uuids(JsonNode array) {
    List<UUID> ids = new ArrayList<>();
    array.forEach(a -> addUuid(ids, a));
    return ids;
  }

  private static void addUuid(List<UUID> ids, JsonNode value) {
    if (value.isTextual()) {
      try {
        ids.add(UUID.fromString(value.asText()));
      } catch (IllegalArgumentException notOurs) {
        // $RCAnonymousID:... and other ids that are not ours
      }
    }
  }

  private static Instant instant(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
  }

  private static String textOrNull(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Premium ends at the expiry even when no EXPIRATION webhook ever arrives. */
  @Scheduled(
      every = "${monzie.revenuecat.expiry-sweep-interval}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
