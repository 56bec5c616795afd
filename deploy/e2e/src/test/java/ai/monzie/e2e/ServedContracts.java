package ai.monzie.e2e;

import ai.monzie.stack.RouteTable;
import ai.monzie.stack.StackConfig;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds every exchange the journeys make through {@link Api} to the OpenAPI document that the
 * service serving it publishes ({@code /q/openapi}, read once from the service itself: the gateway
 * keeps {@code /q/} private). The service is the one {@code deploy/routes.yaml} routes the path to,
 * as the gateway does. A mismatch fails the test at that exchange, naming what the document misses.
 */
final class ServedContracts implements Filter {

  static final ServedContracts INSTANCE = new ServedContracts();

  private final RouteTable routes =
      RouteTable.load(StackConfig.findRepoRoot().resolve("deploy/routes.yaml"));
  private final Map<String, OpenApiDocument> documents = new ConcurrentHashMap<>();
  private final HttpClient http = Http.CLIENT;

  private ServedContracts() {}

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(request, responseSpec);
    URI uri = URI.create(request.getURI());
    String path = uri.getRawPath();
    // a path outside the route table is the gateway's own 404, described by no service
    routes
        .serviceFor(path)
        .ifPresent(
            service -> {
              List<String> mismatches =
                  document(service)
                      .mismatches(
                          new OpenApiDocument.Exchange(
                              request.getMethod(),
                              path,
                              query(uri.getRawQuery()),
                              request.getContentType(),
                              body(request),
                              response.getStatusCode(),
                              response.getContentType(),
                              response.asString()));
              if (!mismatches.isEmpty()) {
                throw new AssertionError(
                    "the exchange is not the one the OpenAPI document describes:\n  "
                        + String.join("\n  ", mismatches)
                        + "\n  request: "
                        + body(request)
                        + "\n  response: "
                        + response.asString());
              }
            });
    return response;
  }

  /** The document the service serves, fetched from the service directly once per test JVM. */
  OpenApiDocument document(String service) {
    return documents.computeIfAbsent(
        service,
        s -> {
          String url = Deployment.current().serviceUrl(s) + "/q/openapi?format=json";
          try {
            HttpResponse<String> served =
                http.send(
                    HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (served.statusCode() != 200) {
              throw new IllegalStateException(url + " answered " + served.statusCode());
            }
            return new OpenApiDocument(s, served.body());
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(url, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  private static String body(FilterableRequestSpecification request) {
    Object body = request.getBody();
    if (body == null) {
      // a multipart request has its parts instead of a body: only its media type is checked
      return request.getMultiPartParams().isEmpty() ? null : "(multipart)";
    }
    return body instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : body.toString();
  }

  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
    }
    return query;
  }
}
