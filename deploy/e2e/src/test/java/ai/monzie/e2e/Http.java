package ai.monzie.e2e;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The tests' one JDK HTTP client: HTTP/1.1, as the apps speak it. The JDK's default (HTTP/2) tries
 * an h2c upgrade on every http:// URL, and one such request to a service in a container waited
 * forever (ContainerJourneyIT, fetching /q/openapi); requests that can end set their own timeout.
 */
final class Http {
  private Http() {}

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
}
