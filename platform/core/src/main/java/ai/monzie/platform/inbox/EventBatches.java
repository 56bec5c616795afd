package ai.monzie.platform.inbox;

import ai.monzie.platform.events.CloudEvents;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.outbox.EventProducer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Applies a polled batch of events exactly once in effect: in ONE transaction the batch's event ids
 * go into {@code processed_events} and only the ids not seen before are handed to the handler; the
 * offset is committed after. A record that cannot be read, or a batch that keeps failing, goes to
 * {@code <topic>.dlq} with the error, so nothing blocks a partition forever.
 */
@ApplicationScoped
public class EventBatches {

  private static final Logger LOG = Logger.getLogger(EventBatches.class);
  private static final int ATTEMPTS = 5;

  private final Pool pool;
  private final ObjectMapper json;
  private final EventProducer producer;
  private final MeterRegistry metrics;

  EventBatches(Pool pool, ObjectMapper json, EventProducer producer, MeterRegistry metrics) {
    this.pool = pool;
    this.json = json;
    this.producer = producer;
    this.metrics = metrics;
  }

  /** A batch as the Kafka connector delivers it to a {@code batch=true} channel. */
  public Uni<Void> apply(
      ConsumerRecords<String, String> records,
      BiFunction<SqlConnection, List<ReceivedEvent>, Uni<Void>> handler) {
    List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
    records.forEach(list::add);
    return apply(list, handler);
  }

  /**
   * A batch whose events are applied one after another, each read as {@code type}: the shape of
   * most consumers ({@code (tx, event) -> ...}), in the batch's one transaction.
   */
  public <E> Uni<Void> applyEach(
      ConsumerRecords<String, String> records,
      Class<E> type,
      BiFunction<SqlConnection, E, Uni<?>> handler) {
    return apply(
        records,
        (tx, events) ->
            Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(event -> handler.apply(tx, event.as(type)))
                .collect()
                .last()
                .replaceWithVoid());
  }

  /**
   * @param handler applies the events not seen before, in the given transaction
   */
  public Uni<Void> apply(
      List<ConsumerRecord<String, String>> records,
      BiFunction<SqlConnection, List<ReceivedEvent>, Uni<Void>> handler) {
    List<ReceivedEvent> events = new ArrayList<>();
    List<ProducerRecord<String, String>> deadLetters = new ArrayList<>();
    Set<String> idsInBatch = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      try {
        ReceivedEvent event = read(record);
        if (idsInBatch.add(event.id())) { // the same event twice in one poll counts once
          events.add(event);
        }
      } catch (RuntimeException e) {
        deadLetters.add(deadLetter(record, "unreadable event: " + e.getMessage()));
      }
    }
    Uni<Void> dead = producer.sendAll(deadLetters);
    if (events.isEmpty()) {
      return dead;
    }
    return dead.flatMap(
        ignored ->
            pool.withTransaction(
                    conn ->
                        claim(conn, events)
                            .flatMap(
                                fresh ->
                                    fresh.isEmpty()
                                        ? Uni.createFrom().voidItem()
                                        : handler.apply(conn, fresh)))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(3))
                .atMost(ATTEMPTS - 1) // retries after the first attempt: ATTEMPTS in all
                .onFailure()
                .recoverWithUni(
                    error -> {
                      LOG.errorf(
                          error,
                          "batch of %d events failed %d times, sent to the DLQ",
                          records.size(),
                          ATTEMPTS);
                      return producer.sendAll(
                          records.stream()
                              .map(
                                  record ->
                                      deadLetter(record, "not applied: " + error.getMessage()))
                              .toList());
                    }));
  }

  /** Records the ids; returns the events whose ids were not recorded before. */
  Uni<List<ReceivedEvent>> claim(SqlConnection conn, List<ReceivedEvent> events) {
    String[] ids = events.stream().map(ReceivedEvent::id).toArray(String[]::new);
    String[] topics = events.stream().map(ReceivedEvent::topic).toArray(String[]::new);
    return conn.preparedQuery(
            "INSERT INTO processed_events (event_id, topic)"
                + " SELECT * FROM unnest($1::text[], $2::text[])"
                + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id")
        .execute(Tuple.of(ids, topics))
        .map(
            rows -> {
              Set<String> fresh = new HashSet<>();
              rows.forEach(row -> fresh.add(row.getString(0)));
              int duplicates = events.size() - fresh.size();
              if (duplicates > 0) {
                metrics
                    .counter("monzie.events.duplicates", "topic", events.get(0).topic())
                    .increment(duplicates);
              }
              return events.stream().filter(e -> fresh.contains(e.id())).toList();
            });
  }

  ReceivedEvent read(ConsumerRecord<String, String> record) {
    String id = header(record, CloudEvents.ID);
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("no ce_id header");
    }
    if (record.value() == null) {
      throw new IllegalArgumentException("no payload");
    }
    JsonNode payload;
    try {
      payload = json.readTree(record.value());
    } catch (Exception e) {
      throw new IllegalArgumentException("payload is not JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("payload is not a JSON object");
    }
    String type = header(record, CloudEvents.TYPE);
    String time = header(record, CloudEvents.TIME);
    return new ReceivedEvent(
        id,
        type == null ? record.topic() : type,
        record.topic(),
        record.key(),
        time == null
            ? Instant.ofEpochMilli(record.timestamp())
            : java.time.OffsetDateTime.parse(time).toInstant(),
        payload);
  }

  /** The record as it goes to {@code <topic>.dlq}, with the error; counted and logged. */
  private ProducerRecord<String, String> deadLetter(
      ConsumerRecord<String, String> record, String error) {
    metrics.counter("monzie.events.dead.letters", "topic", record.topic()).increment();
    RecordHeaders headers = new RecordHeaders();
    for (Header h : record.headers()) {
      headers.add(h);
    }
    headers.add(CloudEvents.DLQ_ERROR, error.getBytes(StandardCharsets.UTF_8));
    headers.add(CloudEvents.DLQ_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
    LOG.warnf(
        "event at %s-%d@%d sent to the DLQ: %s",
        record.topic(), record.partition(), record.offset(), error);
    return new ProducerRecord<>(
        Topics.deadLetter(record.topic()), null, record.key(), record.value(), headers);
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
