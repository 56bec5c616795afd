package ai.monzie.profile.events;

import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.inbox.EventBatches;
import ai.monzie.profile.profile.ProfileRepository;
import ai.monzie.profile.push.GenerationNotifications;
import ai.monzie.profile.push.PushNotification;
import ai.monzie.profile.push.PushRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Profile counters from generation's events (the seed's update_generation_count, plus favorites):
 * one UPDATE per user per polled batch, idempotent by event id. A payload that does not fit the
 * contract (say a user id that is no UUID) fails the batch: retried, then dead-lettered. A
 * generation's end (image ready, failed, cancelled by the system) also queues a push per device of
 * its user, in the same transaction; {@link ai.monzie.profile.push.PushDrainer} sends them, so a
 * provider that is down never holds up this consumer.
 */
@ApplicationScoped
public class ImageEventsConsumer {

  private final EventBatches batches;
  private final ProfileRepository profiles;
  private final PushRepository pushes;

  ImageEventsConsumer(EventBatches batches, ProfileRepository profiles, PushRepository pushes) {
    this.batches = batches;
    this.profiles = profiles;
    this.pushes = pushes;
  }

  /** Per user: images generated, favorites delta, newest generation time. */
  static final class Delta {
    long generated;
    long favorites;
    OffsetDateTime lastGeneration;
  }

  /** What the counters read of {@code image.generated}. */
  record ImageGenerated(UUID userId, OffsetDateTime createdAt) {}

  /** What the counters read of {@code image.favorited} and {@code image.unfavorited}. */
  record FavoriteChanged(UUID userId) {}

  /** What the counters read of {@code image.deleted}. */
  record ImageDeleted(UUID userId, boolean wasFavorite) {}

  @Incoming("image-events")
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return batches.apply(
        records,
        (tx, events) -> {
          List<PushNotification> notifications = new ArrayList<>();
          for (ReceivedEvent event : events) {
            GenerationNotifications.of(event).ifPresent(notifications::add);
          }
          return addCounters(tx, events).call(() -> pushes.queue(tx, notifications));
        });
  }

  private Uni<Void> addCounters(SqlConnection tx, List<ReceivedEvent> events) {
    Map<UUID, Delta> perUser = new TreeMap<>(); // sorted: batches lock rows in one order
    for (ReceivedEvent event : events) {
      switch (event.topic()) {
        case Topics.IMAGE_GENERATED -> {
          ImageGenerated generated = event.as(ImageGenerated.class);
          Delta d = delta(perUser, generated.userId());
          if (d != null) {
            d.generated++;
            OffsetDateTime at = generated.createdAt();
            if (at != null && (d.lastGeneration == null || at.isAfter(d.lastGeneration))) {
              d.lastGeneration = at;
            }
          }
        }
        case Topics.IMAGE_FAVORITED, Topics.IMAGE_UNFAVORITED -> {
          Delta d = delta(perUser, event.as(FavoriteChanged.class).userId());
          if (d != null) {
            d.favorites += event.topic().equals(Topics.IMAGE_FAVORITED) ? 1 : -1;
          }
        }
        case Topics.IMAGE_DELETED -> {
          ImageDeleted deleted = event.as(ImageDeleted.class);
          Delta d = delta(perUser, deleted.userId());
          if (d != null && deleted.wasFavorite()) {
            d.favorites--;
          }
        }
        default -> {}
      }
    }
    if (perUser.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = perUser.size();
    UUID[] ids = new UUID[n];
    Long[] generated = new Long[n];
    Long[] favorites = new Long[n];
    OffsetDateTime[] last = new OffsetDateTime[n];
    int i = 0;
    for (var e : perUser.entrySet()) {
      ids[i] = e.getKey();
      generated[i] = e.getValue().generated;
      favorites[i] = e.getValue().favorites;
      last[i] = e.getValue().lastGeneration;
      i++;
    }
    return profiles.addImageCounters(tx, ids, generated, favorites, last);
  }

  /** The user's delta, created on first use; null for an event that names no user. */
  private static Delta delta(Map<UUID, Delta> perUser, UUID user) {
    return user == null ? null : perUser.computeIfAbsent(user, k -> new Delta());
  }
}
