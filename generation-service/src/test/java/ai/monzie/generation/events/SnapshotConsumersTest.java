package ai.monzie.generation.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class SnapshotConsumersTest {

  @Test
  void anOlderSceneSnapshotNeverOverwritesANewerOneAndDuplicatesAreHarmless() {
    UUID id = UUID.randomUUID();
    Map<String, Object> v3 = GenerationFixtures.sceneJson(id, 3);
    v3.put("name", "Version three");
    Map<String, Object> v2 = GenerationFixtures.sceneJson(id, 2);
    v2.put("name", "Version two");
    v2.put("is_active", false);
    String v3Id = UUID.randomUUID().toString();
    // v3 arrives, then an older v2 (reordered), then v3 again (redelivered with its ce_id)
    KafkaProbe.publishAll(
        List.of(
            new KafkaProbe.Outgoing(
                Topics.SCENE_CHANGED, id.toString(), v3Id, GenerationFixtures.json(v3)),
            new KafkaProbe.Outgoing(
                Topics.SCENE_CHANGED,
                id.toString(),
                UUID.randomUUID().toString(),
                GenerationFixtures.json(v2)),
            new KafkaProbe.Outgoing(
                Topics.SCENE_CHANGED, id.toString(), v3Id, GenerationFixtures.json(v3))));
    // a later marker on the same key (same partition) tells when the three were processed
    Map<String, Object> v4 = GenerationFixtures.sceneJson(id, 4);
    v4.put("name", "Version three");
    GenerationFixtures.publishScene(v4);
    GenerationFixtures.awaitSceneVersion(id, 4);
    Row row =
        GenerationFixtures.one(
            "SELECT name, is_active FROM scene_snapshots WHERE id = $1", Tuple.of(id));
    assertThat(row.getString("name")).isEqualTo("Version three");
    assertThat(row.getBoolean("is_active")).isTrue();
  }

  @Test
  void theContractExamplesAreAcceptedAndUnknownFieldsIgnored() {
    List<UUID> scenes = new ArrayList<>();
    for (var example : ContractSchemas.examples(Topics.SCENE_CHANGED)) {
      UUID id = UUID.randomUUID();
      scenes.add(id);
      ObjectNode payload = ((ObjectNode) example.deepCopy()).put("id", id.toString());
      KafkaProbe.publish(
          Topics.SCENE_CHANGED, id.toString(), UUID.randomUUID().toString(), payload.toString());
    }
    for (UUID id : scenes) {
      GenerationFixtures.awaitSceneVersion(id, 1);
    }
    for (var example : ContractSchemas.examples(Topics.PROFILE_CHANGED)) {
      UUID user = UUID.randomUUID();
      ObjectNode payload = ((ObjectNode) example.deepCopy()).put("user_id", user.toString());
      KafkaProbe.publish(
          Topics.PROFILE_CHANGED,
          user.toString(),
          UUID.randomUUID().toString(),
          payload.toString());
      long version = payload.get("version").asLong();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> GenerationFixtures.profileVersion(user) == version);
    }
  }

  @Test
  void anOlderProfileNeverOverwritesANewerOne() {
    UUID user = GenerationFixtures.user();
    GenerationFixtures.profile(user, true, "female", Instant.now().plusSeconds(3600), 5);
    GenerationFixtures.publishProfile(user, false, "male", null, 4); // late and older
    GenerationFixtures.profile(user, true, "female", Instant.now().plusSeconds(3600), 6); // marker
    Row row =
        GenerationFixtures.one(
            "SELECT gender, is_premium, version FROM user_snapshots WHERE user_id = $1",
            Tuple.of(user));
    assertThat(row.getString("gender")).isEqualTo("female");
    assertThat(row.getBoolean("is_premium")).isTrue();
    assertThat(row.getLong("version")).isEqualTo(6);
  }

  @Test
  void aMalformedPayloadIsSkippedWithoutBlockingTheNextEvent() {
    UUID id = UUID.randomUUID();
    String notJson = UUID.randomUUID().toString();
    KafkaProbe.publishAll(
        List.of(
            new KafkaProbe.Outgoing(Topics.SCENE_CHANGED, id.toString(), notJson, "{broken"),
            new KafkaProbe.Outgoing(
                Topics.SCENE_CHANGED,
                id.toString(),
                UUID.randomUUID().toString(),
                "{\"id\":\"" + id + "\",\"version\":1}"),
            new KafkaProbe.Outgoing(
                Topics.SCENE_CHANGED,
                id.toString(),
                UUID.randomUUID().toString(),
                GenerationFixtures.json(GenerationFixtures.sceneJson(id, 2)))));
    GenerationFixtures.awaitSceneVersion(id, 2);
    KafkaProbe.readUntil(
        Topics.deadLetter(Topics.SCENE_CHANGED),
        Duration.ofSeconds(30),
        read -> read.stream().anyMatch(e -> notJson.equals(e.headers().get("ce_id"))));
  }
}
