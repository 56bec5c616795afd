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
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Profile counters from generation's events (the seed's update_generation_count, plus favorites):
 * one UPDATE per user per polled batch, idempotent by event id. A generation's end (image ready,
 * failed, cancelled by the system) also queues a push per device of its user, in the same
 * transaction; {@link ai.monzie.profile.push.PushDrainer} sends them, so a provider that is down
 * never holds up this consumer.
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

  private static final Set<String> COUNTED =
      Set.of(
          Topics.IMAGE_GENERATED,
          Topics.IMAGE_FAVORITED,
          Topics.IMAGE_UNFAVORITED,
          Topics.IMAGE_DELETED);

  /** Per user: images generated, favorites delta, newest generation time. */
  static final class Delta {
    long generated;
    long favorites;
    OffsetDateTime lastGeneration;
  }

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
      if (!COUNTED.contains(event.topic())) {
        continue;
      }
      UUID user;
      try {
        user = event.uuid("user_id");
      } catch (IllegalArgumentException notAUuid) {
        continue;
      }
      if (user == null) {
        continue;
      }
      Delta d = perUser.computeIfAbsent(user, k -> new Delta());
      switch (event.topic()) {
        case Topics.IMAGE_GENERATED -> {
          d.generated++;
          OffsetDateTime at = parse(event.text("created_at"));
          if (at != null && (d.lastGeneration == null || at.isAfter(d.lastGeneration))) {
            d.lastGeneration = at;
          }
        }
        case Topics.IMAGE_FAVORITED -> d.favorites++;
        case Topics.IMAGE_UNFAVORITED -> d.favorites--;
        case Topics.IMAGE_DELETED -> {
          if (event.payload().path("was_favorite").asBoolean(false)) {
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

  private static OffsetDateTime parse(String text) {
    try {
      return text == null ? null : OffsetDateTime.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
