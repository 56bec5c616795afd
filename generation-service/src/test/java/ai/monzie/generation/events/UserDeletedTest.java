package ai.monzie.generation.events;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.generation.storage.ObjectKeys;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class UserDeletedTest {

  @Inject ObjectStore store;

  @Test
  void userDeletedRemovesEveryImageFileJobUsageRowAndSnapshotOfThatUserOnly() {
    UUID user = GenerationFixtures.user();
    UUID bystander = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    GenerationFixtures.profile(user, false, "male", null, 1);
    String photo = UploadFixtures.uploadJpeg(user);
    var done =
        GenerationFixtures.generate(
            user, Map.of("scene_id", scene.toString(), "original_photo_url", photo));
    assertThat(done.getString("status")).isEqualTo("succeeded");
    GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    GenerationFixtures.generate(bystander, Map.of("scene_id", scene.toString()));
    String imageKey = UploadFixtures.keyOf(done.getString("image.image_url"));
    assertThat(exists(imageKey)).isTrue();
    assertThat(exists(UploadFixtures.keyOf(photo))).isTrue();

    String payload = "{\"user_id\":\"" + user + "\",\"deleted_at\":\"" + Instant.now() + "\"}";
    String eventId = UUID.randomUUID().toString();
    KafkaProbe.publish(Topics.USER_DELETED, user.toString(), eventId, payload);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> rows("generated_images", user) == 0 && rows("user_snapshots", user) == 0);
    assertThat(rows("generation_jobs", user)).isZero();
    assertThat(rows("usage_tracking", user)).isZero();
    assertThat(exists(imageKey)).isFalse();
    assertThat(exists(UploadFixtures.keyOf(photo))).isFalse();
    assertThat(
            store.deletePrefix(ObjectKeys.userPrefix(user)).await().atMost(Duration.ofSeconds(5)))
        .isZero();
    // the bystander keeps everything
    assertThat(rows("generated_images", bystander)).isEqualTo(1);
    as(bystander).get("/v1/usage/today").then().statusCode(200);
    // a redelivery is harmless
    KafkaProbe.publish(Topics.USER_DELETED, user.toString(), eventId, payload);
    // and the deleted user's token is refused from now on (issue 16, #6)
    as(user).get("/v1/images").then().statusCode(401);
  }

  private boolean exists(String key) {
    return store.exists(key).await().atMost(Duration.ofSeconds(5));
  }

  private static long rows(String table, UUID user) {
    return GenerationFixtures.count(
        "SELECT count(*) FROM " + table + " WHERE user_id = $1", Tuple.of(user));
  }
}
