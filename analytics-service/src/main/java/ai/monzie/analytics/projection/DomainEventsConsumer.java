package ai.monzie.analytics.projection;

import ai.monzie.analytics.ingest.AppEvent;
import ai.monzie.analytics.ingest.EventWriter;
import ai.monzie.analytics.partition.PartitionMaintenance;
import ai.monzie.platform.auth.Revocations;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every domain event becomes a server-side analytics event; generation events also refresh the
 * day's {@code generation_stats}; {@code user.deleted} anonymises that user's rows (the seed's ON
 * DELETE SET NULL) and refuses that user's tokens from then on (platform Revocations). All in the
 * transaction that records the event ids: exactly once in effect.
 */
@ApplicationScoped
public class DomainEventsConsumer {

  private final EventBatches batches;
  private final EventWriter writer;
  private final GenerationStats stats;
  private final PartitionMaintenance partitions;
  private final Revocations revocations;

  DomainEventsConsumer(
      EventBatches batches,
      EventWriter writer,
      GenerationStats stats,
      PartitionMaintenance partitions,
      Revocations revocations) {
    this.revocations = revocations;
    this.batches = batches;
    this.writer = writer;
    this.stats = stats;
    this.partitions = partitions;
  }

  /** The one field analytics reads of any domain event: the user it concerns, if any. */
  record Subject(UUID userId) {}

  @Incoming("domain-events")
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return batches.apply(
        records,
        (tx, events) -> {
          List<AppEvent> rows = new ArrayList<>();
          TreeSet<LocalDate> statDays = new TreeSet<>();
          List<UUID> deleted = new ArrayList<>();
          OffsetDateTime earliest = partitions.earliestAccepted();
          for (ReceivedEvent e : events) {
            // the payload is stored as it came; only the user it concerns is read from it (a
            // user_id that is no UUID fails the batch: retried, then dead-lettered)
            UUID user = e.as(Subject.class).userId();
            OffsetDateTime at = OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC);
            if (at.isBefore(earliest) || at.isAfter(OffsetDateTime.now().plusDays(1))) {
              at =
                  OffsetDateTime.now(
                      ZoneOffset.UTC); // keep it: outside the partitions' range it would fail
            }
            rows.add(
                new AppEvent(
                    user,
                    e.topic(),
                    e.payload().toString(),
                    null,
                    null,
                    null,
                    null,
                    "server",
                    e.id(),
                    at));
            if (e.topic().equals(Topics.IMAGE_GENERATED)
                || e.topic().equals(Topics.GENERATION_FAILED)) {
              statDays.add(at.toLocalDate());
            }
            if (e.topic().equals(Topics.USER_DELETED) && user != null) {
              deleted.add(user);
            }
          }
          Uni<?> chain = writer.insert(tx, rows);
          for (LocalDate day : statDays) {
            chain = chain.flatMap(x -> stats.recompute(tx, day));
          }
          if (!deleted.isEmpty()) {
            chain = chain.flatMap(x -> writer.anonymise(tx, deleted));
            for (UUID user : deleted) {
              chain = chain.flatMap(x -> revocations.revokeSubject(tx, user));
            }
          }
          return chain.replaceWithVoid();
        });
  }
}
