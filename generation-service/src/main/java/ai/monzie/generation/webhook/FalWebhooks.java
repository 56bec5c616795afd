package ai.monzie.generation.webhook;

import ai.monzie.generation.job.AwaitingRepository;
import ai.monzie.generation.model.FalImageModel;
import ai.monzie.generation.model.ImageModels;
import ai.monzie.generation.model.QueuedImageModel;
import ai.monzie.generation.worker.ProviderResults;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A verified fal webhook ends its job as a poll would: {@code status: OK} with the result in {@code
 * payload} (downloaded, stored, {@code image.generated}); {@code ERROR} fails it with the unit
 * back. The job's final update is conditional, so a replay answers 200 and changes nothing.
 */
@ApplicationScoped
public class FalWebhooks {

  static final ProblemType UNKNOWN_REQUEST =
      new ProblemType("unknown-provider-request", "No generation waits for this request", 404);

  private final FalWebhookSignature signature;
  private final AwaitingRepository awaiting;
  private final ProviderResults results;
  private final ImageModels models;
  private final ObjectMapper json;
  private final Pool pool;

  FalWebhooks(
      FalWebhookSignature signature,
      AwaitingRepository awaiting,
      ProviderResults results,
      ImageModels models,
      ObjectMapper json,
      Pool pool) {
    this.signature = signature;
    this.awaiting = awaiting;
    this.results = results;
    this.models = models;
    this.json = json;
    this.pool = pool;
  }

  /** Verifies, then applies the call; the answer is the job's outcome. */
  public Uni<ProviderResults.Settled> receive(FalWebhookSignature.Headers headers, byte[] body) {
    return signature.verify(headers, body).flatMap(ok -> apply(headers.requestId(), body));
  }

  private Uni<ProviderResults.Settled> apply(String requestId, byte[] body) {
    JsonNode call = read(body);
    if (!requestId.equals(call.path("request_id").asText(requestId))) {
      throw ProblemException.invalid("request_id", "differs from X-Fal-Webhook-Request-Id");
    }
    String status = call.path("status").asText("");
    if (!status.equals("OK") && !status.equals("ERROR")) {
      throw ProblemException.invalid("status", "must be OK or ERROR");
    }
    QueuedImageModel model = (QueuedImageModel) models.of(FalImageModel.PROVIDER);
    return awaiting
        .byRequest(pool, FalImageModel.PROVIDER, requestId)
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                // not recorded yet (the submit's answer is still on its way) or not ours: fal
                // retries a failed delivery, and the sweeper polls a recorded job anyway
                throw new ProblemException(
                    UNKNOWN_REQUEST, "No generation waits for fal request " + requestId + ".");
              }
              var waiting = found.get();
              if (status.equals("ERROR")) {
                return results.fail(
                    waiting, "The image provider could not generate: " + error(call));
              }
              JsonNode payload = call.path("payload");
              if (!payload.isObject()) { // payload_error: fal could not serialise the result
                return results.settle(waiting, Uni.createFrom().item(Optional.empty()));
              }
              return results.settle(
                  waiting, model.output(payload, waiting.job().render().seed()).map(Optional::of));
            });
  }

  private JsonNode read(byte[] body) {
    try {
      JsonNode call = json.readTree(body);
      if (call == null || !call.isObject()) {
        throw new IOException("not an object");
      }
      return call;
    } catch (IOException e) {
      throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is not a fal webhook.");
    }
  }

  /** fal's error message, one short line (the payload's details may echo the user's input). */
  private static String error(JsonNode call) {
    String error = call.path("error").asText("");
    String line = error.replaceAll("\\s+", " ").trim();
    if (line.isEmpty()) {
      return "unknown error.";
    }
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** The 200 answer. */
  static Map<String, Object> received(ProviderResults.Settled settled) {
    return Map.of("received", true, "outcome", settled.name().toLowerCase(java.util.Locale.ROOT));
  }
}
