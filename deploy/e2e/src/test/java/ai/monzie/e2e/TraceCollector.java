package ai.monzie.e2e;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpenTelemetry collector for the end-to-end tests: it accepts OTLP/HTTP protobuf exports
 * ({@code POST /v1/traces}, the wire format every OTLP exporter speaks) and keeps the spans, so a
 * test can follow one trace across the services' processes.
 */
final class TraceCollector {

  /** One received span, with the {@code service.name} of the process that sent it. */
  record ReceivedSpan(
      String service, String traceId, String spanId, String parentSpanId, String name) {}

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

  TraceCollector() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream body =
              "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                  ? new GZIPInputStream(exchange.getRequestBody())
                  : exchange.getRequestBody()) {
            receive(ExportTraceServiceRequest.parseFrom(body));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
          } catch (IOException | RuntimeException e) {
            System.err.println("[collector] export refused: " + e);
            exchange.sendResponseHeaders(400, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  /** For a failing test's message: how many spans arrived, per service. */
  String summary() {
    return spans.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    ReceivedSpan::service, java.util.stream.Collectors.counting()))
        + " spans; last: "
        + (spans.isEmpty() ? "none" : spans.get(spans.size() - 1));
  }

  void stop() {
    server.stop(0);
  }

  private void receive(ExportTraceServiceRequest request) {
    HexFormat hex = HexFormat.of();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service =
          resource.getResource().getAttributesList().stream()
              .filter(a -> a.getKey().equals("service.name"))
              .map(KeyValue::getValue)
              .map(v -> v.getStringValue())
              .findFirst()
              .orElse("?");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (var span : scope.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  service,
                  hex.formatHex(span.getTraceId().toByteArray()),
                  hex.formatHex(span.getSpanId().toByteArray()),
                  hex.formatHex(span.getParentSpanId().toByteArray()),
                  span.getName()));
        }
      }
    }
  }
}
