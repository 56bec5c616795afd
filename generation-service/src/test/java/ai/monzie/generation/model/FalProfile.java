package ai.monzie.generation.model;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service with fal as its model, short timeouts and backoffs so failures show quickly. */
public class FalProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "monzie.generation.provider", "fal",
        "monzie.fal.key", "test-fal-key",
        "monzie.fal.poll-interval", "0.05s",
        "monzie.fal.request-timeout", "2s",
        "monzie.generation.job-timeout", "6s",
        "monzie.generation.retry-backoff", "0.1s",
        "monzie.generation.max-attempts", "3");
  }
}
