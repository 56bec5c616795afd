package ai.monzie.profile.device;

import static ai.monzie.platform.problem.ProblemException.invalid;

import java.util.regex.Pattern;

/** What a push token of each provider looks like: anything else is refused before it is stored. */
final class PushTokens {
  private PushTokens() {}

  /** FCM documents no format; its tokens are ~150-200 characters today, so this is generous. */
  static final int MAX_LENGTH = 4096;

  // Expo: ExponentPushToken[...] (older and newer SDKs also ExpoPushToken[...])
  private static final Pattern EXPO =
      Pattern.compile("Expo(nent)?PushToken\\[[A-Za-z0-9_-]{1,256}]");
  // FCM registration tokens: URL-safe base64 with ':' separating the instance id
  private static final Pattern FCM = Pattern.compile("[A-Za-z0-9_:-]{32," + MAX_LENGTH + "}");

  static void check(String token, String provider) {
    if (token == null || token.isEmpty()) {
      throw invalid("token", "required");
    }
    if (token.length() > MAX_LENGTH) {
      throw invalid("token", "at most " + MAX_LENGTH + " characters");
    }
    boolean valid =
        switch (provider) {
          case "expo" -> EXPO.matcher(token).matches();
          case "fcm" -> FCM.matcher(token).matches();
          default -> false;
        };
    if (!valid) {
      throw invalid(
          "token",
          "expo".equals(provider)
              ? "an Expo push token looks like ExponentPushToken[...]"
              : "an FCM registration token is 32 to 4096 characters of A-Z a-z 0-9 _ : -");
    }
  }
}
