package ai.monzie.generation.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * A model behind a provider's own queue (fal): the worker only submits, and the job waits for the
 * provider's webhook or a poll without holding a worker slot or a thread meanwhile.
 */
public interface QueuedImageModel extends ImageModel {

  /** Submits the request (with the webhook, when one is configured). */
  Uni<ProviderRequest> submit(ModelInput input);

  /** Whether the provider calls back; without, every waiting job is polled. */
  boolean webhooks();

  /** Asks for the request's status: the image once done, empty while the provider works. */
  Uni<Optional<ModelOutput>> poll(ProviderRequest request, int seed);

  /** The image from the provider's result body (a webhook's {@code payload}). */
  Uni<ModelOutput> output(JsonNode result, int seed);

  /** Cancels the request at the provider; best effort, never fails. */
  Uni<Void> cancel(ProviderRequest request);
}
