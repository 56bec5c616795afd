package ai.monzie.analytics.export;

import ai.monzie.platform.export.ExportParts;
import ai.monzie.platform.export.ExportRequested;
import ai.monzie.platform.inbox.EventBatches;
import ai.monzie.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Analytics' part of a data export: {@code events.json}, the user's app events (name, properties,
 * platform, app version, session, time), written page by page (a heavy user's year of events is
 * never one string in memory). Server-side projections (generation stats) are aggregates of all
 * users and hold nothing of one user.
 */
@ApplicationScoped
public class AnalyticsExportPart {

  static final String SERVICE = "analytics";
  private static final int PAGE = 1000;

  private final EventBatches batches;
  private final ExportParts parts;
  private final OutboxWriter outbox;
  private final Pool pool;

  AnalyticsExportPart(EventBatches batches, ExportParts parts, OutboxWriter outbox, Pool pool) {
    this.batches = batches;
    this.parts = parts;
    this.outbox = outbox;
    this.pool = pool;
  }

  @Incoming("export-requests")
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return batches.applyEach(records, ExportRequested.class, this::write);
  }

  Uni<Void> write(SqlConnection tx, ExportRequested request) {
    ExportParts.Part part = parts.start(request, SERVICE);
    return part.stream("events.json", "application/json", out -> events(request.userId(), out))
        .flatMap(x -> outbox.append(tx, part.ready()))
        .replaceWithVoid();
  }

  /** A JSON array of the user's events, oldest first, read in pages by (created_at, id). */
  private void events(UUID user, OutputStream out) throws java.io.IOException {
    out.write("[".getBytes(StandardCharsets.UTF_8));
    OffsetDateTime afterAt = null;
    UUID afterId = null;
    boolean first = true;
    while (true) {
      // blocking on a worker thread (ExportParts.stream), never on the event loop
      RowSet<Row> rows =
          pool.preparedQuery(
                  """
                  SELECT id, created_at, jsonb_build_object(
                      'id', id, 'event_name', event_name, 'event_properties', event_properties,
                      'platform', platform, 'app_version', app_version,
                      'session_id', session_id, 'source', source, 'created_at', created_at
                    )::text AS doc
                  FROM analytics_events
                  WHERE user_id = $1
                    AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3))
                  ORDER BY created_at, id LIMIT $4
                  """)
              .execute(Tuple.of(user, afterAt, afterId, PAGE))
              .await()
              .atMost(Duration.ofMinutes(1));
      for (Row row : rows) {
        out.write(
            ((first ? "\n  " : ",\n  ") + row.getString("doc")).getBytes(StandardCharsets.UTF_8));
        first = false;
        afterAt = row.getOffsetDateTime("created_at");
        afterId = row.getUUID("id");
      }
      if (rows.size() < PAGE) {
        break;
      }
    }
    out.write((first ? "]\n" : "\n]\n").getBytes(StandardCharsets.UTF_8));
  }
}
