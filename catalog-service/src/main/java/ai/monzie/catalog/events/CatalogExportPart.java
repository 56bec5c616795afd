package ai.monzie.catalog.events;

import ai.monzie.platform.export.ExportParts;
import ai.monzie.platform.export.ExportRequested;
import ai.monzie.platform.inbox.EventBatches;
import ai.monzie.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Catalog's part of a data export. Scenes and categories are the same for everyone and no row here
 * names a user (usage counts are totals), so the part is one {@code catalog.json} saying so: an
 * answer rather than silence keeps "all four parts are in" uniform for profile, and states it in
 * the archive the user reads.
 */
@ApplicationScoped
public class CatalogExportPart {

  static final String SERVICE = "catalog";

  private final EventBatches batches;
  private final ExportParts parts;
  private final OutboxWriter outbox;

  CatalogExportPart(EventBatches batches, ExportParts parts, OutboxWriter outbox) {
    this.batches = batches;
    this.parts = parts;
    this.outbox = outbox;
  }

  @Incoming("export-requests")
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return batches.applyEach(records, ExportRequested.class, this::write);
  }

  Uni<Void> write(SqlConnection tx, ExportRequested request) {
    ExportParts.Part part = parts.start(request, SERVICE);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("service", SERVICE);
    doc.put("personal_data", false);
    doc.put(
        "explanation",
        "The catalog (scenes and their categories) is the same for every user. It keeps no"
            + " record of who used a scene, only totals across all users, so it holds no data"
            + " about you.");
    return part.json("catalog.json", doc)
        .flatMap(x -> outbox.append(tx, part.ready()))
        .replaceWithVoid();
  }
}
