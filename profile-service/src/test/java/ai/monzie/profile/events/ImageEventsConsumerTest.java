package ai.monzie.profile.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.platform.events.Topics;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "profile")
class ImageEventsConsumerTest {

  static KafkaProbe.Outgoing event(String topic, String user, String extra) {
    String json =
        """
        {"image_id":"%s","generation_id":"%s","user_id":"%s","scene_id":"%s","scene_name":"S","model":"local",
         "generation_time":0.2,"is_enhanced":false,"created_at":"2026-11-25T10:00:00Z",
         "occurred_at":"2026-11-25T10:00:00Z","deleted_at":"2026-11-25T10:00:00Z"%s}"""
            .formatted(UUID.randomUUID(), UUID.randomUUID(), user, UUID.randomUUID(), extra);
    return new KafkaProbe.Outgoing(topic, user, UUID.randomUUID().toString(), json);
  }

  @Test
  void countersAreExactWithDuplicateDeliveries() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    List<KafkaProbe.Outgoing> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(event(Topics.IMAGE_GENERATED, account.id(), ""));
    }
    for (int i = 0; i < 5; i++) {
      events.add(event(Topics.IMAGE_FAVORITED, account.id(), ""));
    }
    events.add(event(Topics.IMAGE_UNFAVORITED, account.id(), ""));
    events.add(event(Topics.IMAGE_DELETED, account.id(), ",\"was_favorite\":true"));
    events.add(event(Topics.IMAGE_DELETED, account.id(), ",\"was_favorite\":false"));
    KafkaProbe.publishAll(events);
    KafkaProbe.publishAll(events); // every event delivered twice
    // a marker on the generated topic after the duplicates: once it counts, they were all seen
    KafkaProbe.publishAll(List.of(event(Topics.IMAGE_GENERATED, account.id(), "")));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProfileFixtures.me(account).getInt("generation_count") >= 31);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProfileFixtures.me(account).getInt("favorite_count") == 3);
    JsonPath p = ProfileFixtures.me(account);
    assertThat(p.getInt("generation_count")).isEqualTo(31);
    assertThat(p.getInt("favorite_count")).isEqualTo(3); // 5 - 1 unfavorited - 1 deleted favorite
    assertThat(p.getString("last_generation_at")).startsWith("2026-11-25T10:00");
  }

  @Test
  void contractExamplesAreAcceptedAndUnknownFieldsIgnored() {
    ProfileFixtures.Account account = ProfileFixtures.signUp();
    List<KafkaProbe.Outgoing> events = new ArrayList<>();
    int generated = 0;
    for (String topic : List.of(Topics.IMAGE_GENERATED, Topics.IMAGE_FAVORITED)) {
      for (var example : ContractSchemas.examples(topic)) {
        ObjectNode payload = ((ObjectNode) example.deepCopy()).put("user_id", account.id());
        payload.put("unknown_future_field", "ignored");
        events.add(
            new KafkaProbe.Outgoing(
                topic, account.id(), UUID.randomUUID().toString(), payload.toString()));
        generated += topic.equals(Topics.IMAGE_GENERATED) ? 1 : 0;
      }
    }
    KafkaProbe.publishAll(events);
    int expected = generated;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProfileFixtures.me(account).getInt("generation_count") == expected);
  }
}
