package ai.monzie.generation.events;

import ai.monzie.generation.snapshot.UserSnapshot;
import ai.monzie.generation.snapshot.UserSnapshots;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code profile.changed} → {@code user_snapshots} (gender, premium); the highest version wins. */
@ApplicationScoped
public class ProfileChangedConsumer {

  public static final String CHANNEL = "profile-changed";

  private final EventBatches batches;
  private final UserSnapshots users;

  ProfileChangedConsumer(EventBatches batches, UserSnapshots users) {
    this.batches = batches;
    this.users = users;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return Payloads.applyEach(
        batches, records, ProfileChangedConsumer::snapshot, users::upsertIfNewer);
  }

  /** The fields of {@code profile.changed} this service keeps. */
  record ProfileChanged(
      UUID userId,
      String gender,
      Boolean isPremium,
      String subscriptionStatus,
      OffsetDateTime subscriptionExpiresAt,
      Long version,
      OffsetDateTime changedAt) {}

  static UserSnapshot snapshot(ReceivedEvent event) {
    ProfileChanged p = event.as(ProfileChanged.class);
    if (p.userId() == null || p.version() == null) {
      throw new IllegalArgumentException("profile.changed without user_id or version");
    }
    return new UserSnapshot(
        p.userId(),
        "male".equals(p.gender()) || "female".equals(p.gender()) ? p.gender() : null,
        Boolean.TRUE.equals(p.isPremium()),
        p.subscriptionStatus(),
        p.subscriptionExpiresAt(),
        p.version(),
        p.changedAt() == null ? OffsetDateTime.now() : p.changedAt());
  }
}
