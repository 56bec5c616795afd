package ai.monzie.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What {@code append(tx, event)} stores: the event's own topic and key, and only its payload. */
@QuarkusTest
@WithMonzieInfra(database = "platform")
class OutboxWriterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Inject Pool pool;
  @Inject OutboxWriter outbox;

  // a topic of its own: the relay publishes these rows once the test's transaction commits
  static final String TOPIC = "platform-test.image-deleted";

  /** Topic and key stated as methods, the usual shape of a producer's event. */
  record ImageDeleted(UUID imageId, UUID userId, OffsetDateTime deletedAt) implements DomainEvent {
    public String topic() {
      return TOPIC;
    }

    public Object key() {
      return userId;
    }
  }

  /** Topic and key as record components: without the interface's @JsonIgnore they would leak. */
  record Routed(String topic, Object key, int value) implements DomainEvent {}

  @Test
  void theRowCarriesTheEventsTopicAndKeyAndThePayloadHoldsOnlyItsFieldsInSnakeCase() {
    UUID image = UUID.randomUUID();
    UUID user = UUID.randomUUID();
    Row row = appendAndRead(new ImageDeleted(image, user, OffsetDateTime.now()));

    assertThat(row.getString("topic")).isEqualTo(TOPIC);
    assertThat(row.getString("event_key")).isEqualTo(user.toString());
    JsonNode payload = json(row.getString("payload"));
    assertThat(fieldNames(payload)).containsExactlyInAnyOrder("image_id", "user_id", "deleted_at");
    assertThat(payload.get("image_id").asText()).isEqualTo(image.toString());
  }

  @Test
  void topicAndKeyAreNotSerialisedEvenWhenTheyAreRecordComponents() {
    String topic = "platform-test.routed-" + UUID.randomUUID();
    Row row = appendAndRead(new Routed(topic, "the-key", 7));

    assertThat(row.getString("topic")).isEqualTo(topic);
    assertThat(row.getString("event_key")).isEqualTo("the-key");
    JsonNode payload = json(row.getString("payload"));
    assertThat(fieldNames(payload)).containsExactly("value");
    assertThat(payload.get("value").asInt()).isEqualTo(7);
  }

  /** Reads the row in the appending transaction, before the relay can publish and delete it. */
  private Row appendAndRead(DomainEvent event) {
    return pool.withTransaction(
            tx ->
                outbox
                    .append(tx, event)
                    .flatMap(
                        id ->
                            tx.preparedQuery(
                                    "SELECT topic, event_key, payload::text AS payload"
                                        + " FROM outbox WHERE event_id = $1")
                                .execute(Tuple.of(id)))
                    .map(rows -> rows.iterator().next()))
        .await()
        .atMost(TIMEOUT);
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
