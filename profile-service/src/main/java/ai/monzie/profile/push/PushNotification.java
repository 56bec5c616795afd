package ai.monzie.profile.push;

import java.util.Map;
import java.util.UUID;

/**
 * A notification for every device of one user, in each language we speak: the queue picks the
 * user's (profiles.locale) when it writes one push row per device.
 *
 * @param eventId the event it announces: with the token, the key that makes a redelivery a no-op
 * @param texts language (ISO 639-1, e.g. {@code en}, {@code tr}) → title and body
 * @param data string values only (FCM's {@code data} takes no other), for the app to route the tap
 */
public record PushNotification(
    String eventId, UUID userId, Map<String, Text> texts, Map<String, String> data) {

  public record Text(String title, String body) {}
}
