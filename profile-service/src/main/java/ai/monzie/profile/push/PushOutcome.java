package ai.monzie.profile.push;

/** What a provider said about one push. */
sealed interface PushOutcome {

  /** Accepted; Expo's ticket id (its receipt is read later), null for FCM. */
  record Sent(String ticketId) implements PushOutcome {}

  /** The app is gone from the device (Expo DeviceNotRegistered, FCM UNREGISTERED/404). */
  record Unregistered(String reason) implements PushOutcome {}

  /** Worth another attempt later: 429, 5xx, a timeout, a refused connection. */
  record Retry(String reason) implements PushOutcome {}

  /** Refused for good (a malformed message, a bad credential): retrying would not help. */
  record Rejected(String reason) implements PushOutcome {}

  /** How an HTTP status that carries no per-message verdict is taken. */
  static PushOutcome ofStatus(int status, String detail) {
    String reason = "HTTP " + status + (detail == null || detail.isBlank() ? "" : " " + detail);
    return status == 429 || status >= 500 ? new Retry(reason) : new Rejected(reason);
  }
}
