package ai.monzie.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "platform")
class OutboxRelayTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject Pool pool;
  @Inject OutboxWriter outbox;

  /** A test event on a topic of its own; topic and key are not part of the payload. */
  record Sequenced(String topic, String key, String sentWithKey, int seq) implements DomainEvent {}

  @Test
  void eventsOfOneKeyArriveInTheOrderTheyWereCommitted() throws Exception {
    String topic = "platform-test.order-" + UUID.randomUUID();
    List<String> keys = IntStream.range(0, 5).mapToObj(i -> "key-" + i).toList();
    int perKey = 12;
    // interleaved keys, one transaction each: 60 rows over many relay rounds of 7 (batch-size)
    for (int seq = 0; seq < perKey; seq++) {
      for (String key : keys) {
        int n = seq;
        pool.withTransaction(tx -> outbox.append(tx, new Sequenced(topic, key, key, n)))
            .await()
            .atMost(TIMEOUT);
      }
    }

    List<KafkaProbe.Event> read =
        KafkaProbe.readUntil(topic, TIMEOUT, events -> events.size() >= keys.size() * perKey);

    Map<String, List<Integer>> seqByKey = new LinkedHashMap<>();
    for (KafkaProbe.Event event : read) {
      JsonNode payload = JSON.readTree(event.value());
      assertThat(event.key()).isEqualTo(payload.get("sent_with_key").asText());
      seqByKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(payload.get("seq").asInt());
    }
    List<Integer> inOrder = IntStream.range(0, perKey).boxed().toList();
    assertThat(seqByKey).containsOnlyKeys(keys);
    seqByKey.values().forEach(seqs -> assertThat(seqs).isEqualTo(inOrder));
  }

  @Test
  void aPublishedEventCarriesItsCloudEventsHeadersAndLeavesTheOutbox() {
    String topic = "platform-test.headers-" + UUID.randomUUID();
    UUID eventId =
        pool.withTransaction(tx -> outbox.append(tx, new Sequenced(topic, "k", "k", 1)))
            .await()
            .atMost(TIMEOUT);

    KafkaProbe.Event event = KafkaProbe.readUntil(topic, TIMEOUT, e -> !e.isEmpty()).get(0);

    assertThat(event.headers())
        .containsEntry("ce_id", eventId.toString())
        .containsEntry("ce_type", topic)
        .containsEntry("ce_source", "/monzie/platform-test")
        .containsEntry("ce_specversion", "1.0")
        .containsKey("ce_time");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                pool.preparedQuery("SELECT count(*) FROM outbox WHERE topic = $1")
                        .execute(Tuple.of(topic))
                        .await()
                        .atMost(TIMEOUT)
                        .iterator()
                        .next()
                        .getLong(0)
                    == 0);
  }
}
