package ai.monzie.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The operator API as demo data is loaded through it: a POST with a service_role token, where an
 * existing resource (409) is left as it is, so a load can be repeated.
 */
final class OperatorApi {

  private final HttpClient http;
  private final String apiUrl;
  private final String token;

  OperatorApi(HttpClient http, String apiUrl, String serviceRoleToken) {
    this.http = http;
    this.apiUrl = apiUrl;
    this.token = serviceRoleToken;
  }

  /** Creates {@code body} at {@code path}; fails naming {@code what} on anything but 201 or 409. */
  void create(String path, JsonNode body, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201 && response.statusCode() != 409) {
        throw new LocalStack.StackException(
            "loading "
                + what
                + " failed at "
                + path
                + ": "
                + response.statusCode()
                + " "
                + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStack.StackException("interrupted");
    }
  }
}
