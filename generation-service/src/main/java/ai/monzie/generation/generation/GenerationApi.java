package ai.monzie.generation.generation;

import ai.monzie.generation.PublicUrls;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What every route that queues a generation (create, retry, enhance an image or an upload) shares:
 * the names of the parameter and answers declared once in this package's {@code OpenAPIDefinition}
 * (package-info), and the 202 itself.
 */
public final class GenerationApi {
  private GenerationApi() {}

  /** The header, and the name of its shared parameter. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** 202: the generation, with Location. */
  public static final String QUEUED = "GenerationQueued";

  /** 422: the key was used for another request. */
  public static final String KEY_REUSED = "IdempotencyKeyReused";

  /** 429: the daily quota is spent. */
  public static final String DAILY_LIMIT = "DailyLimitReached";

  /** 402: no credits left. */
  public static final String NO_CREDITS = "CreditsExhausted";

  /** The 202 of {@link #QUEUED}: the generation and its public address (the gateway's). */
  static Response accepted(GenerationView view, PublicUrls urls) {
    return Response.accepted(view)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .location(urls.uri("/v1/generations/" + view.id()))
        .build();
  }
}
