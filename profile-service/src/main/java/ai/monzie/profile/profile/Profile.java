package ai.monzie.profile.profile;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A profile as the owner and operators see it; premium is evaluated against the clock. */
public record Profile(
    UUID id,
    String email,
    @Schema(
            description =
                "Whether the owner opened the verification mail (or signed in by a provider that vouches for it)")
        boolean emailVerified,
    @Schema(
            enumeration = {"en", "tr"},
            description =
                "The language of the account's mails; set at sign-up from Accept-Language")
        String locale,
    @Schema(nullable = true) String gender,
    @Schema(nullable = true) String displayName,
    @Schema(nullable = true) String avatarUrl,
    boolean isPremium,
    int generationCount,
    int favoriteCount,
    @Schema(nullable = true) OffsetDateTime lastGenerationAt,
    @Schema(nullable = true) String subscriptionStatus,
    @Schema(nullable = true) OffsetDateTime subscriptionExpiresAt,
    @Schema(nullable = true) String revenueCatUserId,
    long version,
    @Schema(description = "Whether push notifications are sent to your devices")
        boolean notificationsEnabled,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime lastSeenAt) {

  public static final String COLUMNS =
      "id, email, email_verified, locale, gender, display_name, avatar_url, is_premium, generation_count, favorite_count,"
          + " last_generation_at, subscription_status, subscription_expires_at, revenue_cat_user_id,"
          + " version, notifications_enabled, created_at, updated_at, last_seen_at";

  public static Profile from(Row row) {
    OffsetDateTime expires = row.getOffsetDateTime("subscription_expires_at");
    // premium ends at the expiry even before the sweep or an EXPIRATION webhook records it
    boolean premium =
        row.getBoolean("is_premium") && (expires == null || expires.isAfter(OffsetDateTime.now()));
    return new Profile(
        row.getUUID("id"),
        row.getString("email"),
        row.getBoolean("email_verified"),
        row.getString("locale"),
        row.getString("gender"),
        row.getString("display_name"),
        row.getString("avatar_url"),
        premium,
        row.getInteger("generation_count"),
        row.getInteger("favorite_count"),
        row.getOffsetDateTime("last_generation_at"),
        row.getString("subscription_status"),
        expires,
        row.getString("revenue_cat_user_id"),
        row.getLong("version"),
        row.getBoolean("notifications_enabled"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"),
        row.getOffsetDateTime("last_seen_at"));
  }
}
