package ai.monzie.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** Loads deploy/catalog/demo-plans.json through the operator API (POST /v1/plans). */
public final class DemoPlans {

  private final HttpClient http;
  private final String apiUrl;
  private final String token;

  public DemoPlans(HttpClient http, String apiUrl, String serviceRoleToken) {
    this.http = http;
    this.apiUrl = apiUrl;
    this.token = serviceRoleToken;
  }

  /** Posts every plan; an existing one (409) is left as it is. Returns the plans sent. */
  public int load(Path file) {
    try {
      int plans = 0;
      for (JsonNode plan : new ObjectMapper().readTree(file.toFile()).get("plans")) {
        post(plan);
        plans++;
      }
      return plans;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void post(JsonNode plan) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + "/v1/plans"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(plan.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201 && response.statusCode() != 409) {
        throw new LocalStack.StackException(
            "loading the demo plans failed at "
                + plan.path("key").asText()
                + ": "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
