package ai.monzie.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes events to the stack's broker as a producing service's outbox relay would. */
final class Events {
  private Events() {}

  record Event(String topic, String key, String id, String json) {}

  /** An {@code image.generated} of the user in the scene, as generation's relay sends it. */
  static Event imageGenerated(String user, String scene) {
    return new Event(
        "image.generated",
        user,
        UUID.randomUUID().toString(),
        """
        {"image_id":"%s","generation_id":"%s","user_id":"%s","scene_id":"%s","scene_name":"E2E",
         "model":"local","generation_time":0.1,"is_enhanced":false,"created_at":"2026-11-25T10:00:00Z"}"""
            .formatted(UUID.randomUUID(), UUID.randomUUID(), user, scene));
  }

  static void publish(List<Event> events) throws Exception {
    publish(Stack.kafka(), events);
  }

  /** To the broker at {@code bootstrap} (a stack other than the shared one). */
  static void publish(String bootstrap, List<Event> events) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      List<Future<?>> sent = new ArrayList<>();
      for (Event e : events) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(e.id()));
        headers.add("ce_type", bytes(e.topic()));
        headers.add("ce_source", bytes("/monzie/e2e"));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("content-type", bytes("application/json"));
        sent.add(producer.send(new ProducerRecord<>(e.topic(), null, e.key(), e.json(), headers)));
      }
      for (Future<?> f : sent) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
