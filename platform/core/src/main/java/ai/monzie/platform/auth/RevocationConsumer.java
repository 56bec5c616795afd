package ai.monzie.platform.auth;

import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code session.revoked} (and, in a service with no {@code user.deleted} consumer of its own,
 * {@code user.deleted}) into {@link Revocations}, idempotent through {@link EventBatches}. Each
 * service configures the channel {@value #CHANNEL} with its own group id and the topics it needs.
 */
@ApplicationScoped
public class RevocationConsumer {

  public static final String CHANNEL = "revocations";

  private final EventBatches batches;
  private final Revocations revocations;

  RevocationConsumer(EventBatches batches, Revocations revocations) {
    this.batches = batches;
    this.revocations = revocations;
  }

  /** What revocation reads of {@code session.revoked}: the session ({@code sid}) that ended. */
  record SessionRevoked(UUID sessionId) {}

  /** What revocation reads of {@code user.deleted}. */
  record UserDeleted(UUID userId) {}

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return batches.apply(
        records,
        (tx, events) ->
            Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(event -> apply(tx, event))
                .collect()
                .last()
                .replaceWithVoid());
  }

  private Uni<Void> apply(SqlConnection tx, ReceivedEvent event) {
    // a payload that does not fit the contract throws from as(): the batch fails, is retried and
    // then dead-lettered
    return switch (event.topic()) {
      case Topics.SESSION_REVOKED ->
          revocations.revokeSession(tx, event.as(SessionRevoked.class).sessionId());
      case Topics.USER_DELETED ->
          revocations.revokeSubject(tx, event.as(UserDeleted.class).userId());
      default -> Uni.createFrom().voidItem();
    };
  }
}
