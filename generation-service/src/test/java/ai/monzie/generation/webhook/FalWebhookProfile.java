package ai.monzie.generation.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * fal with webhooks, ONE job at a time (so a job that held its slot while fal works would block the
 * next), a short grace before a silent job is polled, and quick polls.
 */
public class FalWebhookProfile implements QuarkusTestProfile {

  static final String WEBHOOK_BASE = "https://api.monzie.test";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "monzie.generation.provider", "fal",
        "monzie.fal.key", "test-fal-key",
        "monzie.fal.webhook-base-url", WEBHOOK_BASE,
        "monzie.fal.webhook-grace", "2s",
        "monzie.fal.poll-interval", "0.1s",
        "monzie.fal.request-timeout", "2s",
        "monzie.generation.concurrency.fal", "1",
        "monzie.generation.job-timeout", "30s",
        "monzie.generation.retry-backoff", "0.1s");
  }
}
