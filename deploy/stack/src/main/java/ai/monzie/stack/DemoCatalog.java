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

/** Loads deploy/catalog/demo-catalog.json through the operator API, as an operator would. */
public final class DemoCatalog {

  private final HttpClient http;
  private final String apiUrl;
  private final String token;

  public DemoCatalog(HttpClient http, String apiUrl, String serviceRoleToken) {
    this.http = http;
    this.apiUrl = apiUrl;
    this.token = serviceRoleToken;
  }

  /** Posts categories, then scenes; an existing one (409) is left as it is. Returns scenes sent. */
  public int load(Path file) {
    try {
      JsonNode catalog = new ObjectMapper().readTree(file.toFile());
      for (JsonNode category : catalog.get("categories")) {
        post("/v1/categories", category);
      }
      int scenes = 0;
      for (JsonNode scene : catalog.get("scenes")) {
        post("/v1/scenes", scene);
        scenes++;
      }
      return scenes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void post(String path, JsonNode body) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201 && response.statusCode() != 409) {
        throw new LocalStack.StackException(
            "loading the demo catalog failed at "
                + path
                + " ("
                + body.path("name").asText()
                + "): "
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
