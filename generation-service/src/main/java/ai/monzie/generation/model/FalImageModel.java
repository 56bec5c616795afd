package ai.monzie.generation.model;

import ai.monzie.generation.image.Pictures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * fal.ai's queue API, as the real app's Edge Function spoke it: submit to {@code <base>/<model>}
 * with {@code Authorization: Key ...}, poll the {@code status_url} until {@code COMPLETED}, fetch
 * the {@code response_url}, download {@code images[0].url}. With a webhook base URL, fal calls
 * {@code POST /v1/webhooks/fal} when done instead (the job waits without a worker slot, see
 * worker/ProviderResults). The JDK's async HTTP client keeps every step off the event loop without
 * a thread per call.
 */
@ApplicationScoped
public class FalImageModel implements QueuedImageModel {

  public static final String PROVIDER = "fal";

  /** Where fal's webhooks reach this service (below {@code monzie.fal.webhook-base-url}). */
  public static final String WEBHOOK_PATH = "/v1/webhooks/fal";

  private static final Logger LOG = Logger.getLogger(FalImageModel.class);

  private final FalConfig config;
  private final ObjectMapper json;
  private final ExecutorService callbacks;
  private final HttpClient http;

  FalImageModel(FalConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    AtomicInteger created = new AtomicInteger();
    this.callbacks =
        Executors.newFixedThreadPool(
            config.httpThreads(),
            task -> {
              Thread thread = new Thread(task, "fal-http-" + created.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .executor(callbacks)
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @PreDestroy
  void stop() {
    callbacks.shutdownNow();
  }

  @Override
  public String provider() {
    return PROVIDER;
  }

  @Override
  public String modelFor(Task task) {
    return task == Task.TEXT_TO_IMAGE ? config.textToImageModel() : config.photoModel();
  }

  @Override
  public boolean webhooks() {
    return config.webhookBaseUrl().filter(url -> !url.isBlank()).isPresent();
  }

  /**
   * Submits and polls inline (the {@link ImageModel} contract); the worker instead submits and lets
   * the job wait for the webhook or the sweeper without a slot.
   */
  @Override
  public Uni<ModelOutput> generate(ModelInput input) {
    return submit(input)
        .flatMap(
            request ->
                pollUntilDone(request, input.seed())
                    // the user cancelled the job: fal stops it too, so it costs nothing more
                    .onCancellation()
                    .call(() -> cancel(request)));
  }

  private Uni<ModelOutput> pollUntilDone(ProviderRequest request, int seed) {
    return poll(request, seed)
        .flatMap(
            done ->
                done.isPresent()
                    ? Uni.createFrom().item(done.get())
                    : Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(config.pollInterval())
                        .flatMap(ignored -> pollUntilDone(request, seed)));
  }

  /**
   * {@code PUT <queue>/requests/<request_id>/cancel} (fal's {@code cancel_url}); best effort: a
   * request that already completed answers 400 and its result is discarded anyway.
   */
  @Override
  public Uni<Void> cancel(ProviderRequest request) {
    if (request.cancelUrl() == null) {
      return Uni.createFrom().voidItem();
    }
    HttpRequest put =
        authorized(URI.create(request.cancelUrl()))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
    return Uni.createFrom()
        .completionStage(() -> http.sendAsync(put, HttpResponse.BodyHandlers.ofString()))
        .invoke(
            response ->
                LOG.infof(
                    "fal request %s cancelled: %d", request.requestId(), response.statusCode()))
        .onFailure()
        .invoke(e -> LOG.warnf("fal cancel failed: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /**
   * {@code POST <base>/<model>}, with {@code ?fal_webhook=<webhook-base-url>/v1/webhooks/fal} when
   * webhooks are configured; the answer names the request and its status, result and cancel URLs.
   */
  @Override
  public Uni<ProviderRequest> submit(ModelInput input) {
    if (config.key().isEmpty() || config.key().get().isBlank()) {
      return Uni.createFrom()
          .failure(
              new ModelFailure(
                  ModelFailure.Reason.CONFIGURATION,
                  false,
                  "The image service is not configured (no provider key)."));
    }
    ObjectNode body = json.createObjectNode().put("prompt", input.prompt());
    if (input.task() == Task.TEXT_TO_IMAGE) {
      body.put("image_size", input.imageSize())
          .put("seed", input.seed())
          .put("num_images", 1)
          .put("output_format", "png")
          .put("safety_tolerance", config.safetyTolerance())
          .put("enable_safety_checker", true);
    } else {
      // The photo travels inline as a data URI: the provider needs no access to our store.
      String dataUri =
          "data:"
              + input.inputContentType()
              + ";base64,"
              + Base64.getEncoder().encodeToString(input.inputImage());
      body.put("num_images", 1).put("output_format", "png");
      body.putArray("image_urls").add(dataUri);
      if (input.task() == Task.PHOTO_EDIT && input.aspectRatio() != null) {
        body.put("aspect_ratio", input.aspectRatio());
      }
    }
    String url = trimSlash(config.baseUrl()) + "/" + input.model();
    if (webhooks()) {
      String hook = trimSlash(config.webhookBaseUrl().orElseThrow()) + WEBHOOK_PATH;
      url += "?fal_webhook=" + URLEncoder.encode(hook, StandardCharsets.UTF_8);
    }
    HttpRequest request =
        authorized(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return call(request, "submit").map(this::readJson).map(FalImageModel::accepted);
  }

  private static ProviderRequest accepted(JsonNode submitted) {
    String requestId = text(submitted, "request_id");
    String statusUrl = text(submitted, "status_url");
    String responseUrl = text(submitted, "response_url");
    if (requestId == null || statusUrl == null || responseUrl == null) {
      throw new ModelFailure(
          ModelFailure.Reason.PROVIDER_ERROR, true, "The image provider gave no status URL.");
    }
    String cancelUrl = text(submitted, "cancel_url");
    if (cancelUrl == null) {
      cancelUrl = statusUrl.replaceFirst("/status(\\?.*)?$", "/cancel");
    }
    return new ProviderRequest(requestId, statusUrl, responseUrl, cancelUrl);
  }

  /** One status request: the image once COMPLETED (result fetched, downloaded), else empty. */
  @Override
  public Uni<Optional<ModelOutput>> poll(ProviderRequest request, int seed) {
    HttpRequest get = authorized(URI.create(request.statusUrl())).GET().build();
    return call(get, "status")
        .map(this::readJson)
        .flatMap(
            status -> {
              String state = text(status, "status");
              if ("COMPLETED".equals(state)) {
                String error = text(status, "error");
                if (error != null) {
                  return Uni.createFrom()
                      .failure(
                          new ModelFailure(
                              ModelFailure.Reason.BAD_REQUEST,
                              false,
                              "The image provider could not generate: " + shorten(error)));
                }
                return fetchResult(request)
                    .flatMap(result -> output(result, seed))
                    .map(Optional::of);
              }
              if ("IN_QUEUE".equals(state) || "IN_PROGRESS".equals(state)) {
                return Uni.createFrom().item(Optional.<ModelOutput>empty());
              }
              return Uni.createFrom()
                  .failure(
                      new ModelFailure(
                          ModelFailure.Reason.PROVIDER_ERROR,
                          true,
                          "The image provider answered an unknown status: " + shorten(state)));
            });
  }

  private Uni<JsonNode> fetchResult(ProviderRequest request) {
    HttpRequest get = authorized(URI.create(request.responseUrl())).GET().build();
    return call(get, "result").map(this::readJson);
  }

  /** The result's first image, downloaded, checked and as PNG (polled or from a webhook). */
  @Override
  public Uni<ModelOutput> output(JsonNode result, int requestedSeed) {
    JsonNode nsfw = result.path("has_nsfw_concepts");
    if (nsfw.isArray() && nsfw.size() > 0 && nsfw.get(0).asBoolean(false)) {
      return Uni.createFrom()
          .failure(
              new ModelFailure(
                  ModelFailure.Reason.NSFW,
                  false,
                  "The image was blocked by the content filter. Try another photo or scene."));
    }
    JsonNode image = result.path("images").path(0);
    String url = text(image, "url");
    if (url == null) {
      return Uni.createFrom()
          .failure(
              new ModelFailure(
                  ModelFailure.Reason.PROVIDER_ERROR, true, "The image provider sent no image."));
    }
    Integer seed =
        result.path("seed").canConvertToInt() ? result.get("seed").asInt() : requestedSeed;
    // the URL comes from the configured provider's answer (or its signed webhook), never a client
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(config.requestTimeout()).GET().build();
    return Uni.createFrom()
        .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
        .onFailure()
        .transform(FalImageModel::transportFailure)
        .map(response -> bytes(check(response, "download")))
        .emitOn(Infrastructure.getDefaultWorkerPool()) // decoding a non-PNG answer blocks
        .map(bytes -> toPng(bytes, image, seed));
  }

  private ModelOutput toPng(byte[] bytes, JsonNode image, Integer seed) {
    boolean isPng =
        bytes.length > 8
            && (bytes[0] & 0xff) == 0x89
            && bytes[1] == 'P'
            && bytes[2] == 'N'
            && bytes[3] == 'G';
    java.awt.image.BufferedImage decoded;
    try {
      // not our image: its size is checked from the header before it is decoded, at full size
      decoded = Pictures.decodeWithin(bytes, config.maxPixels(), Integer.MAX_VALUE / 2);
    } catch (Pictures.TooManyPixels e) {
      throw new ModelFailure(
          ModelFailure.Reason.PROVIDER_ERROR,
          false,
          "The image provider sent an image too large to process ("
              + e.size().width()
              + "x"
              + e.size().height()
              + " pixels).");
    }
    if (decoded == null) {
      throw new ModelFailure(
          ModelFailure.Reason.PROVIDER_ERROR, true, "The image provider sent an unreadable image.");
    }
    byte[] png = isPng ? bytes : Pictures.png(decoded);
    return new ModelOutput(png, decoded.getWidth(), decoded.getHeight(), seed);
  }

  private Uni<HttpResponse<String>> call(HttpRequest request, String step) {
    return Uni.createFrom()
        .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
        .onFailure()
        .transform(FalImageModel::transportFailure)
        .map(response -> check(response, step));
  }

  private <T> HttpResponse<T> check(HttpResponse<T> response, String step) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response;
    }
    String detail = response.body() instanceof String s ? detail(s) : "";
    LOG.warnf("fal %s answered HTTP %d %s", step, status, detail);
    if (status == 401 || status == 403) {
      throw new ModelFailure(
          ModelFailure.Reason.CONFIGURATION,
          false,
          "The image service is misconfigured (the provider refused its credentials).");
    }
    if (status == 429) {
      throw new ModelFailure(
          ModelFailure.Reason.RATE_LIMITED,
          true,
          "The image provider is busy (rate limited).",
          retryAfter(response));
    }
    if (status >= 500) {
      throw new ModelFailure(
          ModelFailure.Reason.PROVIDER_ERROR,
          true,
          "The image provider is unavailable (HTTP " + status + ").");
    }
    throw new ModelFailure(
        ModelFailure.Reason.BAD_REQUEST,
        false,
        "The image provider refused the request" + (detail.isEmpty() ? "." : ": " + detail));
  }

  private static Throwable transportFailure(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ModelFailure) {
      return cause;
    }
    if (cause instanceof HttpTimeoutException) {
      return new ModelFailure(
          ModelFailure.Reason.TIMEOUT, true, "The image provider did not answer in time.");
    }
    if (cause instanceof IOException) {
      return new ModelFailure(
          ModelFailure.Reason.UNREACHABLE, true, "The image provider could not be reached.");
    }
    return cause;
  }

  private HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(config.requestTimeout())
        .header("Authorization", "Key " + config.key().orElse(""))
        .header("Accept", "application/json");
  }

  private JsonNode readJson(HttpResponse<String> response) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new ModelFailure(
          ModelFailure.Reason.PROVIDER_ERROR, true, "The image provider answered unreadable JSON.");
    }
  }

  /** A short, readable detail from fal's error body ({@code detail} string or list of {msg}). */
  private String detail(String body) {
    try {
      JsonNode node = json.readTree(body).path("detail");
      if (node.isTextual()) {
        return shorten(node.asText());
      }
      if (node.isArray() && node.size() > 0) {
        // the message only: validation entries may echo the input, which holds the user's photo
        return shorten(node.get(0).path("msg").asText(""));
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: no detail
    }
    return "";
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    try {
      return header.map(h -> Duration.ofSeconds(Long.parseLong(h.trim()))).orElse(null);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static byte[] bytes(HttpResponse<byte[]> response) {
    return response.body();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
