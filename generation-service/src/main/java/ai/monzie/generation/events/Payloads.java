package ai.monzie.generation.events;

import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * How this service's consumers apply a polled batch: through the platform's idempotent {@link
 * EventBatches}, one event after the other (two versions of one snapshot must not race) in the
 * batch's transaction. A payload that is JSON but not the contract (a missing id, a bad date) is
 * logged and skipped, so it cannot fail the other events of its batch; one that is not JSON at all
 * goes to the DLQ (EventBatches).
 */
public final class Payloads {
  private Payloads() {}

  private static final Logger LOG = Logger.getLogger(Payloads.class);

  public static <T> Uni<Void> applyEach(
      EventBatches batches,
      ConsumerRecords<String, String> records,
      Function<ReceivedEvent, T> reader,
      BiFunction<SqlConnection, T, Uni<?>> apply) {
    return batches.apply(
        records,
        (tx, events) ->
            Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(
                    event ->
                        read(event, reader)
                            .<Uni<?>>map(value -> apply.apply(tx, value))
                            .orElse(Uni.createFrom().voidItem()))
                .collect()
                .last()
                .replaceWithVoid());
  }

  private static <T> Optional<T> read(ReceivedEvent event, Function<ReceivedEvent, T> reader) {
    try {
      return Optional.of(reader.apply(event));
    } catch (RuntimeException e) {
      LOG.warnf("skipped %s event %s: %s", event.topic(), event.id(), e.getMessage());
      return Optional.empty();
    }
  }
}
