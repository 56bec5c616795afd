package ai.monzie.profile.export;

import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.export.ExportPartReady;
import ai.monzie.platform.export.ExportRequested;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Profile's two roles in an export: one of the four services writing a part (its own), and the one
 * that records every part and assembles the archive once all four are in.
 */
@ApplicationScoped
public class ExportEventsConsumer {

  private final EventBatches batches;
  private final ProfileExportPart part;
  private final ExportService exports;

  ExportEventsConsumer(EventBatches batches, ProfileExportPart part, ExportService exports) {
    this.batches = batches;
    this.part = part;
    this.exports = exports;
  }

  @Incoming("export-requests")
  public Uni<Void> requested(ConsumerRecords<String, String> records) {
    return batches.applyEach(records, ExportRequested.class, part::write);
  }

  @Incoming("export-parts")
  public Uni<Void> partReady(ConsumerRecords<String, String> records) {
    Set<UUID> touched = new TreeSet<>();
    List<UUID> gone = new ArrayList<>();
    return batches
        .apply(
            records,
            (tx, events) -> {
              List<ExportPartReady> parts = new ArrayList<>();
              for (ReceivedEvent event : events) {
                ExportPartReady p = event.as(ExportPartReady.class);
                parts.add(p);
                touched.add(p.exportId());
              }
              return exports.recordParts(tx, parts).invoke(gone::addAll).replaceWithVoid();
            })
        // after the commit: a part of an export deleted meanwhile is deleted too, and an export
        // whose last part this was is assembled (the sweeper does it if this instance stops here)
        .call(() -> exports.deleteFiles(gone))
        .call(
            () ->
                Multi.createFrom()
                    .iterable(touched)
                    .onItem()
                    .transformToUniAndConcatenate(exports::assembleComplete)
                    .collect()
                    .last());
  }
}
