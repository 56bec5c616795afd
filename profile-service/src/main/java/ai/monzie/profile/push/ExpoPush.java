package ai.monzie.profile.push;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expo's push API: {@code POST <url>/send} takes up to 100 messages and answers one ticket per
 * message, in order ({@code {"data":[{"status":"ok","id":...} | {"status":"error","details":
 * {"error":"DeviceNotRegistered"}}]}}); {@code POST <url>/getReceipts {"ids":[...]}} answers {@code
 * {"data":{"<id>":{"status":...}}}} once Apple or Google have answered Expo.
 */
@ApplicationScoped
class ExpoPush {

  static final String PROVIDER = "expo";
  static final int MAX_BATCH = 100;
  static final String DEVICE_NOT_REGISTERED = "DeviceNotRegistered";

  private final PushConfig config;
  private final WebClient http;

  ExpoPush(PushConfig config, PushHttp http) {
    this.config = config;
    this.http = http.client();
  }

  /** One request for up to {@value #MAX_BATCH} pushes; an outcome per push, in order. */
  Uni<List<PushOutcome>> send(List<Push> batch) {
    JsonArray messages = new JsonArray();
    for (Push push : batch) {
      messages.add(
          new JsonObject()
              .put("to", push.token())
              .put("title", push.title())
              .put("body", push.body())
              .put("data", push.data())
              .put("sound", "default")
              .put("priority", "high"));
    }
    return post("/send")
        .sendJson(messages)
        .map(response -> tickets(response, batch.size()))
        .onFailure()
        .recoverWithItem(e -> all(batch.size(), new PushOutcome.Retry(PushHttp.describe(e))));
  }

  private static List<PushOutcome> tickets(HttpResponse<Buffer> response, int count) {
    if (response.statusCode() != 200) {
      return all(count, PushOutcome.ofStatus(response.statusCode(), firstErrorCode(response)));
    }
    JsonArray tickets = json(response).getJsonArray("data", new JsonArray());
    List<PushOutcome> outcomes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      JsonObject ticket = i < tickets.size() ? tickets.getJsonObject(i) : null;
      if (ticket == null) {
        outcomes.add(new PushOutcome.Retry("no ticket"));
      } else if ("ok".equals(ticket.getString("status"))) {
        outcomes.add(new PushOutcome.Sent(ticket.getString("id")));
      } else {
        String error = errorOf(ticket);
        outcomes.add(
            switch (error) {
              case DEVICE_NOT_REGISTERED -> new PushOutcome.Unregistered(error);
              case "MessageRateExceeded" -> new PushOutcome.Retry(error);
              default -> new PushOutcome.Rejected(error);
            });
      }
    }
    return outcomes;
  }

  /** Receipt status per ticket id: "ok", an error code, absent when not ready yet. */
  Uni<Map<String, String>> receipts(List<String> ticketIds) {
    return post("/getReceipts")
        .sendJson(new JsonObject().put("ids", new JsonArray(new ArrayList<>(ticketIds))))
        .map(
            response -> {
              Map<String, String> statuses = new HashMap<>();
              if (response.statusCode() != 200) {
                return statuses; // read again after the lease
              }
              JsonObject data = json(response).getJsonObject("data", new JsonObject());
              for (String id : data.fieldNames()) {
                JsonObject receipt = data.getJsonObject(id);
                statuses.put(
                    id, "ok".equals(receipt.getString("status")) ? "ok" : errorOf(receipt));
              }
              return statuses;
            });
  }

  private HttpRequest<Buffer> post(String path) {
    HttpRequest<Buffer> request =
        http.postAbs(config.expo().url() + path)
            .timeout(config.requestTimeout().toMillis())
            .putHeader("Accept", "application/json")
            .putHeader("Content-Type", "application/json");
    config
        .expo()
        .accessToken()
        .filter(token -> !token.isBlank())
        .ifPresent(token -> request.putHeader("Authorization", "Bearer " + token));
    return request;
  }

  private static String errorOf(JsonObject ticketOrReceipt) {
    JsonObject details = ticketOrReceipt.getJsonObject("details");
    String error = details == null ? null : details.getString("error");
    return error != null ? error : "error";
  }

  private static String firstErrorCode(HttpResponse<Buffer> response) {
    try {
      JsonArray errors = json(response).getJsonArray("errors");
      return errors == null || errors.isEmpty() ? null : errors.getJsonObject(0).getString("code");
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static JsonObject json(HttpResponse<Buffer> response) {
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException notJson) {
      return new JsonObject();
    }
  }

  private static List<PushOutcome> all(int count, PushOutcome outcome) {
    List<PushOutcome> outcomes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      outcomes.add(outcome);
    }
    return outcomes;
  }
}
