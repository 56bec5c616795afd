package ai.monzie.platform.outbox;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.TraceContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Writes an event row in the caller's transaction: the state change and its event commit or roll
 * back together, and the {@link OutboxRelay} publishes it afterwards (transactional outbox).
 */
@ApplicationScoped
public class OutboxWriter {

  private final ObjectMapper json;

  OutboxWriter(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Appends the event to its own topic, keyed by its own key, with the current request's trace
   * context; returns its id (the {@code ce_id} consumers deduplicate on).
   */
  public Uni<UUID> append(SqlConnection transaction, DomainEvent event) {
    return append(transaction, event.topic(), event.key(), event, TraceContext.current());
  }

  /**
   * Appends the event with the given W3C trace context, for work done outside the request that
   * started the trace (e.g. a job's worker); null for none.
   */
  public Uni<UUID> append(SqlConnection transaction, DomainEvent event, String traceparent) {
    return append(transaction, event.topic(), event.key(), event, traceparent);
  }

  private Uni<UUID> append(
      SqlConnection transaction, String topic, Object key, Object payload, String traceparent) {
    UUID eventId = UUID.randomUUID();
    String body;
    try {
      body = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(new IllegalArgumentException("event not serialisable", e));
    }
    // $4 is sent as text and cast: a Java String bound to a jsonb parameter would be stored as a
    // JSON string literal, not as the object it spells.
    return transaction
        .preparedQuery(
            "INSERT INTO outbox (event_id, topic, event_key, payload, traceparent)"
                + " VALUES ($1, $2, $3, $4::text::jsonb, $5)")
        .execute(Tuple.of(eventId, topic, String.valueOf(key), body, traceparent))
        .replaceWith(eventId);
  }
}
