package ai.monzie.profile.push;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.util.UUID;

/**
 * One queued push to one device, as the drainer took it.
 *
 * @param attempts including the one under way
 * @param deviceStillTheirs false when the token was unregistered or moved to another user since
 */
record Push(
    long id,
    UUID userId,
    String token,
    String provider,
    String title,
    String body,
    JsonObject data,
    int attempts,
    boolean deviceStillTheirs) {

  static Push from(Row row) {
    return new Push(
        row.getLong("id"),
        row.getUUID("user_id"),
        row.getString("token"),
        row.getString("provider"),
        row.getString("title"),
        row.getString("body"),
        row.getJsonObject("data"),
        row.getInteger("attempts"),
        row.getBoolean("current"));
  }
}
