package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One generation is one trace: the app's {@code traceparent} goes through the gateway into
 * generation-service, the job's worker continues it, and the trace context travels in the Kafka
 * headers of the events to the consumers in catalog, profile and analytics.
 */
class TracingIT {

  @Test
  void oneGenerationIsOneTraceAcrossTheServices() {
    Api.User user = Api.signUp();
    String scene = Api.freeScene("portrait");
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    String traceId = HexFormat.of().formatHex(id);
    String traceparent = "00-" + traceId + "-" + "00f067aa0ba902b7" + "-01"; // sampled

    String generation =
        Api.as(user)
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("traceparent", traceparent)
            .body(Map.of("scene_id", scene))
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "succeeded".equals(Api.generation(user, generation).getString("status")));

    Set<String> expected =
        Set.of("generation-service", "catalog-service", "profile-service", "analytics-service");
    // the job's own span ends after its events are out, so the consumers' spans can be exported
    // before it: wait for both
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var received = Stack.traces().trace(traceId);
              assertThat(
                      received.stream()
                          .map(TraceCollector.ReceivedSpan::service)
                          .collect(Collectors.toSet()))
                  .as(
                      "services in trace %s; the collector has %s",
                      traceId, Stack.traces().summary())
                  .containsAll(expected);
              assertThat(received)
                  .anySatisfy(s -> assertThat(s.name()).isEqualTo("generation job"));
            });

    var spans = Stack.traces().trace(traceId);
    System.out.println("[trace] " + traceId + ", " + spans.size() + " spans:");
    spans.forEach(
        s ->
            System.out.printf(
                "[trace]   %-18s %-40s span %s parent %s%n",
                s.service(), s.name(), s.spanId(), s.parentSpanId()));
    // the request's server span is a child of the app's span, and the job continues the request
    assertThat(spans)
        .anySatisfy(
            s -> {
              assertThat(s.service()).isEqualTo("generation-service");
              assertThat(s.parentSpanId()).isEqualTo("00f067aa0ba902b7");
            })
        .anySatisfy(s -> assertThat(s.name()).isEqualTo("generation job"));
  }
}
