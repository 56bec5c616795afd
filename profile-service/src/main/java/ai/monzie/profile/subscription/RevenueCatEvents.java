package ai.monzie.profile.subscription;

import ai.monzie.profile.subscription.StoreEvent.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads RevenueCat's webhook {@code event} object (api_version 1.0) into a {@link StoreEvent}. */
final class RevenueCatEvents {
  private RevenueCatEvents() {}

  static StoreEvent from(JsonNode event) {
    String type = event.path("type").asText("");
    // PRODUCT_CHANGE names the product left in product_id and the one chosen in new_product_id
    String product = text(event, "new_product_id");
    if (product == null || !type.equals("PRODUCT_CHANGE")) {
      product = text(event, "product_id");
    }
    Instant occurred = millis(event, "event_timestamp_ms");
    return new StoreEvent(
        StoreEvent.REVENUECAT,
        event.path("id").asText(""),
        type,
        kind(type, text(event, "cancel_reason")),
        userIds(event),
        product,
        occurred == null ? Instant.now() : occurred,
        millis(event, "purchased_at_ms"),
        millis(event, "expiration_at_ms"),
        text(event, "transaction_id"),
        text(event, "original_app_user_id"));
  }

  static Kind kind(String type, String cancelReason) {
    return switch (type) {
      case "INITIAL_PURCHASE", "RENEWAL", "PRODUCT_CHANGE", "UNCANCELLATION" -> Kind.PERIOD;
      case "NON_RENEWING_PURCHASE" -> Kind.PURCHASE;
      // RevenueCat reports a refund as a CANCELLATION whose reason is CUSTOMER_SUPPORT
      case "CANCELLATION" -> isRefund(cancelReason) ? Kind.REFUNDED : Kind.CANCELLED;
      case "EXPIRATION" -> Kind.EXPIRED;
      case "BILLING_ISSUE" -> Kind.BILLING_ISSUE;
      case "SUBSCRIPTION_PAUSED" -> Kind.PAUSED;
      case "TRANSFER" -> Kind.TRANSFER;
      default -> Kind.OTHER;
    };
  }

  private static boolean isRefund(String cancelReason) {
    return cancelReason != null
        && (cancelReason.equalsIgnoreCase("CUSTOMER_SUPPORT")
            || cancelReason.equalsIgnoreCase("REFUND"));
  }

  /** Our user id is the RevenueCat app_user_id; aliases and the original id are tried too. */
  static List<UUID> userIds(JsonNode event) {
    List<UUID> ids = new ArrayList<>();
    addUuid(ids, event.path("app_user_id"));
    addUuid(ids, event.path("original_app_user_id"));
    event.path("aliases").forEach(a -> addUuid(ids, a));
    return ids.stream().distinct().toList();
  }

  static List<UUID> uuids(JsonNode array) {
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

  static Instant millis(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value == null || !value.canConvertToLong() ? null : Instant.ofEpochMilli(value.asLong());
  }

  static String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }
}
