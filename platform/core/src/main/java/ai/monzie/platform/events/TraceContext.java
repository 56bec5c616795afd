package ai.monzie.platform.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C {@code traceparent} that events and jobs carry, so a trace continues past the request
 * that started it (outbox → Kafka headers → consumers; job row → worker). Written and read by
 * OpenTelemetry's own W3C propagator.
 */
public final class TraceContext {
  private TraceContext() {}

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  /** The current span's {@code traceparent}, or null when no span is recording (tracing off). */
  public static String current() {
    return of(Span.current().getSpanContext());
  }

  /** The span's {@code traceparent}, or null for an invalid one. */
  public static String of(SpanContext span) {
    if (!span.isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.root().with(Span.wrap(span)), carrier, Map::put);
    return carrier.get(CloudEvents.TRACEPARENT);
  }

  /** The context to start a span in: the given {@code traceparent}'s, or the root for null. */
  public static Context parent(String traceparent) {
    if (traceparent == null) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of(CloudEvents.TRACEPARENT, traceparent), MAP_GETTER);
  }
}
