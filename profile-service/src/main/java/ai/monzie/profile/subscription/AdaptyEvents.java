package ai.monzie.profile.subscription;

import ai.monzie.profile.subscription.StoreEvent.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads Adapty's webhook body (event_api_version 1: {@code profile_id, customer_user_id,
 * event_type, event_datetime, event_properties{profile_event_id, vendor_product_id, transaction_id,
 * purchase_date, subscription_expires_at, ...}}) into a {@link StoreEvent}.
 */
final class AdaptyEvents {
  private AdaptyEvents() {}

  /** Adapty writes times as 2020-02-18T18:40:22.000000+0000 (offset without a colon). */
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
          .toFormatter();

  static StoreEvent from(JsonNode body) {
    JsonNode props = body.path("event_properties");
    String type = body.path("event_type").asText("");
    Instant occurred = time(body.get("event_datetime"));
    List<UUID> users = new ArrayList<>();
    // customer_user_id is the id our app gave Adapty (our user id); profile_id is Adapty's own
    JsonNode customer = body.get("customer_user_id");
    if (customer != null && customer.isTextual()) {
      try {
        users.add(UUID.fromString(customer.asText()));
      } catch (IllegalArgumentException notOurs) {
        // an id that is not one of our users
      }
    }
    return new StoreEvent(
        StoreEvent.ADAPTY,
        eventId(body),
        type,
        kind(type),
        users,
        RevenueCatEvents.text(props, "vendor_product_id"),
        occurred == null ? Instant.now() : occurred,
        time(props.get("purchase_date")),
        time(props.get("subscription_expires_at")),
        RevenueCatEvents.text(props, "transaction_id"),
        RevenueCatEvents.text(body, "profile_id"));
  }

  /** profile_event_id is Adapty's unique id of the event, the key it tells us to deduplicate on. */
  static String eventId(JsonNode body) {
    return RevenueCatEvents.text(body.path("event_properties"), "profile_event_id");
  }

  static Kind kind(String type) {
    return switch (type) {
      case "subscription_started",
          "subscription_renewed",
          "trial_converted",
          "subscription_renewal_reactivated" ->
          Kind.PERIOD;
      case "non_subscription_purchase" -> Kind.PURCHASE;
      case "subscription_renewal_cancelled" -> Kind.CANCELLED;
      case "subscription_refunded", "non_subscription_purchase_refunded" -> Kind.REFUNDED;
      case "subscription_expired" -> Kind.EXPIRED;
      case "billing_issue_detected" -> Kind.BILLING_ISSUE;
      case "subscription_paused" -> Kind.PAUSED;
      default -> Kind.OTHER;
    };
  }

  static Instant time(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.asText(), TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
