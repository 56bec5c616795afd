package ai.monzie.profile.device;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A phone that receives the user's push notifications. */
public record Device(
    @Schema(description = "The push token: an Expo push token or an FCM registration token")
        String token,
    @Schema(enumeration = {"ios", "android"}) String platform,
    @Schema(enumeration = {"expo", "fcm"}) String provider,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS = "token, platform, provider, created_at, updated_at";

  static Device from(Row row) {
    return new Device(
        row.getString("token"),
        row.getString("platform"),
        row.getString("provider"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }

  /** The answer of {@code GET /v1/devices}. */
  public record Devices(java.util.List<Device> devices) {}
}
