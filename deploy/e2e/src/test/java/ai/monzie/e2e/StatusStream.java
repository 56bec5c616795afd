package ai.monzie.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The live generation status stream (SSE, {@code GET /v1/generations/stream}) as the app's
 * generation screen reads it: every line kept, read until a job's end ({@code succeeded} or {@code
 * failed}) or the stream closes.
 */
final class StatusStream {

  private static final HttpClient HTTP = Http.CLIENT;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> ended;
  private final int status;

  private StatusStream(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.ended =
        CompletableFuture.runAsync(
            () -> {
              try (var reader = new BufferedReader(new InputStreamReader(response.body()))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  lines.add(line);
                  if (line.matches("event:\\s*(succeeded|failed)")) { // with or without a space
                    return;
                  }
                }
              } catch (IOException closed) {
                // the stream ended
              }
            });
  }

  /** Connects to {@code baseUrl} (the gateway, or one service instance) as the token's user. */
  static StatusStream open(String baseUrl, String token) throws Exception {
    return new StatusStream(
        HTTP.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/generations/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream()));
  }

  int status() {
    return status;
  }

  /** Waits until a job's end was streamed (fails after {@code timeout}). */
  StatusStream awaitEnd(Duration timeout) throws Exception {
    ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The lines read so far. */
  List<String> lines() {
    return lines;
  }
}
