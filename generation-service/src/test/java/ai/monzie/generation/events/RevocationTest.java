package ai.monzie.generation.events;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.storage.ObjectKeys;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, findings 6 and 13: a deleted account's and a revoked session's still-valid tokens are
 * refused here as soon as the event arrives, and a job finishing after the deletion leaves nothing.
 */
@QuarkusTest
@WithMonzieInfra(database = "generation")
class RevocationTest {

  @ConfigProperty(name = "monzie.storage.filesystem.root")
  Path files;

  @Test
  void aDeletedUsersTokenCannotStartAGenerationOnceUserDeletedArrives() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    GenerationFixtures.profile(user, false, "female", null, 1);
    GenerationFixtures.requestGeneration(user, scene).then().statusCode(202);

    GenerationFixtures.publishUserDeleted(user);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> GenerationFixtures.requestGeneration(user, scene).statusCode() == 401);
    GenerationFixtures.requestGeneration(user, scene)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    as(user).get("/v1/usage/today").then().statusCode(401);
    as(GenerationFixtures.user()).get("/v1/usage/today").then().statusCode(200); // others go on
  }

  @Test
  void aRevokedSessionsTokenIsRefusedAndOtherSessionsGoOn() {
    UUID user = GenerationFixtures.user();
    String session = UUID.randomUUID().toString();
    String token = TestInfra.sessionToken(user.toString(), session);
    String otherSession = TestInfra.sessionToken(user.toString(), UUID.randomUUID().toString());
    usage(token).then().statusCode(200);

    KafkaProbe.publish(
        Topics.SESSION_REVOKED,
        user.toString(),
        UUID.randomUUID().toString(),
        GenerationFixtures.json(
            Map.of(
                "session_id",
                session,
                "user_id",
                user.toString(),
                "reason",
                "logout",
                "revoked_at",
                Instant.now().toString())));

    await().atMost(Duration.ofSeconds(60)).until(() -> usage(token).statusCode() == 401);
    usage(otherSession).then().statusCode(200);
  }

  @Test
  void revocationsStoredByAnotherInstanceAreRefusedWithinTheRefreshInterval() {
    UUID user = GenerationFixtures.user();
    String session = UUID.randomUUID().toString();
    String token = TestInfra.sessionToken(user.toString(), session);
    usage(token).then().statusCode(200);
    // as another pod's consumer would: the row only, not this instance's memory
    GenerationFixtures.pool()
        .preparedQuery(
            "INSERT INTO revocations (kind, id, expires_at) VALUES ('session', $1, now() + interval '1 hour')")
        .execute(Tuple.of(session))
        .await()
        .atMost(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(5)).until(() -> usage(token).statusCode() == 401);
  }

  @Test
  void aJobFinishingAfterTheDeletionLeavesNoImageAndNoFile() {
    UUID user = GenerationFixtures.user();
    UUID bystander = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String template =
        GenerationFixtures.generate(bystander, Map.of("scene_id", scene.toString()))
            .getString("id");
    GenerationFixtures.publishUserDeleted(user);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> as(user).get("/v1/images").statusCode() == 401);

    // a job of that user queued in the instant before the deletion: the worker runs it after
    UUID job = UUID.randomUUID();
    GenerationFixtures.pool()
        .preparedQuery(
            "INSERT INTO generation_jobs (id, user_id, status, provider, model, scene_id,"
                + " scene_name, scene_category, prompt, negative_prompt, image_size, aspect_ratio,"
                + " seed, is_enhance, quota_date)"
                + " SELECT $1, $2, 'queued', provider, model, scene_id, scene_name, scene_category,"
                + " prompt, negative_prompt, image_size, aspect_ratio, seed, is_enhance, quota_date"
                + " FROM generation_jobs WHERE id = $3")
        .execute(Tuple.of(job, user, UUID.fromString(template)))
        .await()
        .atMost(Duration.ofSeconds(5));

    // the job disappears (discarded, not succeeded or failed) and its files with it
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                GenerationFixtures.count(
                            "SELECT count(*) FROM generation_jobs WHERE id = $1", Tuple.of(job))
                        == 0
                    && filesOf(user) == 0);
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM generated_images WHERE user_id = $1", Tuple.of(user)))
        .isZero();
    assertThat(
            KafkaProbe.readFor(Topics.IMAGE_GENERATED, Duration.ofSeconds(2)).stream()
                .filter(e -> e.value().contains(user.toString())))
        .isEmpty();
  }

  private long filesOf(UUID user) throws IOException {
    Path dir = files.resolve(ObjectKeys.userPrefix(user));
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).count();
    }
  }

  private static io.restassured.response.Response usage(String token) {
    return RestAssured.given().auth().oauth2(token).get("/v1/usage/today");
  }
}
