package ai.monzie.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes the real test broker the way another service would. */
public final class KafkaProbe {
  private KafkaProbe() {}

  /** A record as read back from a topic. */
  public record Event(String topic, String key, String value, Map<String, String> headers) {}

  /** Reads the whole topic until {@code done} holds for what was read, or fails at the deadline. */
  public static List<Event> readUntil(String topic, Duration timeout, Predicate<List<Event>> done) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<Event> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          Map<String, String> headers = new java.util.LinkedHashMap<>();
          r.headers()
              .forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
          read.add(new Event(r.topic(), r.key(), r.value(), headers));
        }
        if (done.test(read)) {
          return read;
        }
      }
    }
    throw new AssertionError(
        "topic "
            + topic
            + ": condition not met within "
            + timeout
            + "; read "
            + read.size()
            + " records");
  }

  /**
   * Reads the topic for the given time and returns everything (to prove something did NOT come).
   */
  public static List<Event> readFor(String topic, Duration duration) {
    List<Event> all = new ArrayList<>();
    Instant end = Instant.now().plus(duration);
    try {
      readUntil(
          topic,
          duration,
          read -> {
            all.clear();
            all.addAll(read);
            return Instant.now().isAfter(end);
          });
    } catch (AssertionError timeUp) {
      // the window is over: what was read is the answer
    }
    return all;
  }

  /** An event to publish: topic, key, CloudEvents id and JSON payload. */
  public record Outgoing(String topic, String key, String eventId, String json) {}

  /** Publishes an event with CloudEvents headers, as a producing service's relay would. */
  public static void publish(String topic, String key, String eventId, String json) {
    publishAll(List.of(new Outgoing(topic, key, eventId, json)));
  }

  /** Publishes the events in order with one producer and waits until the broker has them all. */
  public static void publishAll(List<Outgoing> events) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.get().kafka().bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (Outgoing event : events) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", event.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/monzie/test".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        sent.add(
            producer.send(
                new ProducerRecord<>(event.topic(), null, event.key(), event.json(), headers)));
      }
      for (java.util.concurrent.Future<?> future : sent) {
        future.get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish", e);
    }
  }
}
