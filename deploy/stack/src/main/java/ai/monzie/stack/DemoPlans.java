package ai.monzie.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;

/** Loads deploy/catalog/demo-plans.json through the operator API (POST /v1/plans). */
public final class DemoPlans {

  private final OperatorApi api;

  public DemoPlans(HttpClient http, String apiUrl, String serviceRoleToken) {
    this.api = new OperatorApi(http, apiUrl, serviceRoleToken);
  }

  /** Posts every plan; an existing one (409) is left as it is. Returns the plans sent. */
  public int load(Path file) {
    try {
      int plans = 0;
      for (JsonNode plan : new ObjectMapper().readTree(file.toFile()).get("plans")) {
        api.create("/v1/plans", plan, "the demo plans (" + plan.path("key").asText() + ")");
        plans++;
      }
      return plans;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
