package ai.monzie.generation.events;

import ai.monzie.generation.snapshot.UserSnapshot;
import ai.monzie.generation.snapshot.UserSnapshots;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.inbox.EventBatches;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code profile.changed} → {@code user_snapshots} (gender, premium); the highest version wins. */
@ApplicationScoped
public class ProfileChangedConsumer {

  public static final String CHANNEL = "profile-changed";

  private final EventBatches batches;
  private final UserSnapshots users;

  ProfileChangedConsumer(ai.monzie.platform.inbox.EventBatches batches, UserSnapshots users) {
    this.batches = batches;
    this.users = users;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return Payloads.applyEach(
        batches, records, ProfileChangedConsumer::snapshot, users::upsertIfNewer);
  }

  static UserSnapshot snapshot(ReceivedEvent event) {
    if (event.uuid("user_id") == null || !event.payload().hasNonNull("version")) {
      throw new IllegalArgumentException("profile.changed without user_id or version");
    }
    String gender = event.text("gender");
    String expires = event.text("subscription_expires_at");
    String changed = event.text("changed_at");
    return new UserSnapshot(
        event.uuid("user_id"),
        "male".equals(gender) || "female".equals(gender) ? gender : null,
        event.payload().path("is_premium").asBoolean(false),
        event.text("subscription_status"),
        expires == null ? null : OffsetDateTime.parse(expires),
        event.payload().get("version").asLong(),
        changed == null ? OffsetDateTime.now() : OffsetDateTime.parse(changed));
  }
}
