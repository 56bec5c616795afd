package ai.monzie.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.platform.events.CloudEvents;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of every service: batches as the Kafka connector hands them over (records built
 * here, so that a batch holds exactly what the test needs), the real database for the claimed ids,
 * and the real broker for the dead letters.
 */
@QuarkusTest
@WithMonzieInfra(database = "platform")
class EventBatchesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Inject EventBatches batches;
  @Inject Pool pool;

  @Test
  void anEventTwiceInOneBatchIsAppliedOnce() {
    String topic = uniqueTopic();
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    List<ConsumerRecord<String, String>> batch =
        List.of(
            record(topic, 0, a, "{\"n\":1}"),
            record(topic, 1, a, "{\"n\":1}"),
            record(topic, 2, b, "{\"n\":2}"));
    List<String> applied = new CopyOnWriteArrayList<>();

    batches.apply(batch, recording(applied)).await().atMost(TIMEOUT);

    assertThat(applied).containsExactly(a, b);
    assertThat(claimed(a, b)).isEqualTo(2);
  }

  @Test
  void aBatchDeliveredAgainIsNotAppliedAgain() {
    String topic = uniqueTopic();
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    List<String> applied = new CopyOnWriteArrayList<>();
    batches.apply(List.of(record(topic, 0, a, "{}")), recording(applied)).await().atMost(TIMEOUT);

    // redelivery after a crash before the offset commit: a again, with b new
    batches
        .apply(List.of(record(topic, 0, a, "{}"), record(topic, 1, b, "{}")), recording(applied))
        .await()
        .atMost(TIMEOUT);

    assertThat(applied).containsExactly(a, b);
  }

  @Test
  void unreadableRecordsGoToTheDeadLetterTopicAndTheRestIsApplied() {
    String topic = uniqueTopic();
    String good = UUID.randomUUID().toString();
    String notJson = UUID.randomUUID().toString();
    ConsumerRecord<String, String> withoutId = new ConsumerRecord<>(topic, 0, 0, "no-id", "{}");
    List<String> applied = new CopyOnWriteArrayList<>();

    batches
        .apply(
            List.of(withoutId, record(topic, 1, notJson, "not json"), record(topic, 2, good, "{}")),
            recording(applied))
        .await()
        .atMost(TIMEOUT);

    assertThat(applied).containsExactly(good);
    List<KafkaProbe.Event> dead =
        KafkaProbe.readUntil(Topics.deadLetter(topic), TIMEOUT, read -> read.size() >= 2);
    assertThat(dead)
        .extracting(KafkaProbe.Event::key)
        .containsExactlyInAnyOrder("no-id", notJson); // two partitions: no order between them
    assertThat(dead)
        .allSatisfy(
            e -> {
              assertThat(e.headers()).containsEntry(CloudEvents.DLQ_ORIGINAL_TOPIC, topic);
              assertThat(e.headers().get(CloudEvents.DLQ_ERROR)).startsWith("unreadable event");
            });
    assertThat(claimed(notJson)).isZero();
  }

  @Test
  void aBatchThatKeepsFailingGoesToTheDeadLetterTopicAfterFiveAttempts() {
    String topic = uniqueTopic();
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    AtomicInteger attempts = new AtomicInteger();

    batches
        .apply(
            List.of(record(topic, 0, a, "{}"), record(topic, 1, b, "{}")),
            (tx, events) -> {
              attempts.incrementAndGet();
              return Uni.createFrom().failure(new IllegalStateException("handler broken"));
            })
        .await()
        .atMost(TIMEOUT);

    assertThat(attempts).hasValue(5);
    List<KafkaProbe.Event> dead =
        KafkaProbe.readUntil(Topics.deadLetter(topic), TIMEOUT, read -> read.size() >= 2);
    assertThat(dead)
        .extracting(KafkaProbe.Event::key)
        .containsExactlyInAnyOrder(a, b); // two partitions: no order between them
    assertThat(dead)
        .allSatisfy(
            e ->
                assertThat(e.headers().get(CloudEvents.DLQ_ERROR))
                    .isEqualTo("not applied: handler broken"));
    // each failed attempt rolled its claim back: a fixed consumer could still apply them
    assertThat(claimed(a, b)).isZero();
  }

  private static String uniqueTopic() {
    return "platform-test.inbox-" + UUID.randomUUID();
  }

  /** A record as the relay of a producing service writes it; the key is the event id. */
  private static ConsumerRecord<String, String> record(
      String topic, long offset, String eventId, String value) {
    ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, 0, offset, eventId, value);
    record.headers().add(CloudEvents.ID, eventId.getBytes(StandardCharsets.UTF_8));
    record.headers().add(CloudEvents.TYPE, topic.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  private static java.util.function.BiFunction<
          io.vertx.mutiny.sqlclient.SqlConnection, List<ReceivedEvent>, Uni<Void>>
      recording(List<String> applied) {
    return (tx, events) -> {
      events.forEach(e -> applied.add(e.id()));
      return Uni.createFrom().voidItem();
    };
  }

  private long claimed(String... eventIds) {
    return pool.preparedQuery("SELECT count(*) FROM processed_events WHERE event_id = ANY($1)")
        .execute(Tuple.of((Object) eventIds))
        .await()
        .atMost(TIMEOUT)
        .iterator()
        .next()
        .getLong(0);
  }
}
