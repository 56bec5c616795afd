package ai.monzie.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;

/** Loads deploy/catalog/demo-catalog.json through the operator API, as an operator would. */
public final class DemoCatalog {

  private final OperatorApi api;

  public DemoCatalog(HttpClient http, String apiUrl, String serviceRoleToken) {
    this.api = new OperatorApi(http, apiUrl, serviceRoleToken);
  }

  /** Posts categories, then scenes; an existing one (409) is left as it is. Returns scenes sent. */
  public int load(Path file) {
    try {
      JsonNode catalog = new ObjectMapper().readTree(file.toFile());
      for (JsonNode category : catalog.get("categories")) {
        api.create(
            "/v1/categories",
            category,
            "the demo catalog (" + category.path("name").asText() + ")");
      }
      int scenes = 0;
      for (JsonNode scene : catalog.get("scenes")) {
        api.create("/v1/scenes", scene, "the demo catalog (" + scene.path("name").asText() + ")");
        scenes++;
      }
      return scenes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
