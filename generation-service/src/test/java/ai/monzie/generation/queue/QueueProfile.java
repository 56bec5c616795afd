package ai.monzie.generation.queue;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** No workers on this instance: jobs stay queued until a test claims or cancels them. */
public class QueueProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("monzie.generation.worker-enabled", "false");
  }
}
