package ai.monzie.generation.credits;

import ai.monzie.generation.events.Payloads;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code entitlement.changed}, {@code credits.granted}, {@code credits.revoked} → the credit
 * ledger. One channel (group {@code generation-service-credits}) reads the three topics; they are
 * separate partitions, so a user's events may arrive out of order, which {@link CreditEvents}
 * tolerates.
 */
@ApplicationScoped
public class CreditsConsumer {

  public static final String CHANNEL = "credits";

  private final EventBatches batches;
  private final CreditEvents credits;

  CreditsConsumer(EventBatches batches, CreditEvents credits) {
    this.batches = batches;
    this.credits = credits;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return Payloads.applyEach(batches, records, CreditsConsumer::read, credits::apply);
  }

  static CreditEvent read(ReceivedEvent event) {
    CreditEvent read =
        switch (event.topic()) {
          case Topics.ENTITLEMENT_CHANGED -> event.as(CreditEvent.EntitlementChanged.class);
          case Topics.CREDITS_GRANTED -> event.as(CreditEvent.CreditsGranted.class);
          case Topics.CREDITS_REVOKED -> event.as(CreditEvent.CreditsRevoked.class);
          default -> throw new IllegalArgumentException("not a credits topic: " + event.topic());
        };
    read.validate();
    return read;
  }
}
