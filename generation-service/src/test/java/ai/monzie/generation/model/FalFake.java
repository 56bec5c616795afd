package ai.monzie.generation.model;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An in-test HTTP server that the fal adapter talks to instead of queue.fal.run; each test teaches
 * it fal's queue protocol (submit, status, result, image) for its own scenario. The port travels in
 * a system property, which the test's class loader sees too.
 */
public class FalFake implements QuarkusTestResourceLifecycleManager {

  public static final String PORT = "monzie.test.fal-port";

  /** Where the fake serves fal's webhook keys (a test's own Ed25519 key). */
  public static final String JWKS_PATH = "/.well-known/jwks.json";

  private WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    System.setProperty(PORT, String.valueOf(server.port()));
    return Map.of(
        "monzie.fal.base-url",
        "http://localhost:" + server.port(),
        "monzie.fal.webhook-jwks-url",
        "http://localhost:" + server.port() + JWKS_PATH);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
