package ai.monzie.profile.push;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * FCM HTTP v1: one {@code POST <url>/v1/projects/<project>/messages:send} per message, {@code
 * Authorization: Bearer <OAuth2 access token>}; 200 {@code {"name": ...}} on success, otherwise
 * {@code {"error": {"code", "status", "details": [{"@type": "...FcmError", "errorCode"}]}}}.
 */
@ApplicationScoped
class FcmPush {

  static final String PROVIDER = "fcm";

  private final PushConfig config;
  private final FcmCredentials credentials;
  private final WebClient http;

  FcmPush(PushConfig config, FcmCredentials credentials, PushHttp http) {
    this.config = config;
    this.credentials = credentials;
    this.http = http.client();
  }

  boolean configured() {
    return credentials.configured();
  }

  Uni<String> accessToken() {
    return credentials.accessToken();
  }

  Uni<PushOutcome> send(Push push, String accessToken) {
    JsonObject data = new JsonObject();
    push.data().forEach(e -> data.put(e.getKey(), String.valueOf(e.getValue())));
    JsonObject message =
        new JsonObject()
            .put(
                "message",
                new JsonObject()
                    .put("token", push.token())
                    .put(
                        "notification",
                        new JsonObject().put("title", push.title()).put("body", push.body()))
                    .put("data", data)
                    .put("android", new JsonObject().put("priority", "HIGH")));
    String url = config.fcm().url() + "/v1/projects/" + credentials.projectId() + "/messages:send";
    return http.postAbs(url)
        .timeout(config.requestTimeout().toMillis())
        .putHeader("Authorization", "Bearer " + accessToken)
        .sendJson(message)
        .map(this::outcome)
        .onFailure()
        .recoverWithItem(e -> new PushOutcome.Retry(PushHttp.describe(e)));
  }

  private PushOutcome outcome(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status == 200) {
      return new PushOutcome.Sent(null);
    }
    String errorCode = errorCode(response);
    if (status == 404 || "UNREGISTERED".equals(errorCode)) {
      return new PushOutcome.Unregistered(errorCode == null ? "NOT_FOUND" : errorCode);
    }
    if (status == 401) {
      credentials.forget(); // expired or revoked access token: a new one next attempt
      return new PushOutcome.Retry("HTTP 401");
    }
    return PushOutcome.ofStatus(status, errorCode);
  }

  private static String errorCode(HttpResponse<Buffer> response) {
    try {
      JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
      JsonArray details = error == null ? null : error.getJsonArray("details");
      if (details != null) {
        for (int i = 0; i < details.size(); i++) {
          String code = details.getJsonObject(i).getString("errorCode");
          if (code != null) {
            return code;
          }
        }
      }
      return error == null ? null : error.getString("status");
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
