package ai.monzie.generation.model;

import static ai.monzie.generation.GenerationFixtures.as;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.generation.image.Pictures;
import ai.monzie.generation.upload.ImageBombs;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.WithMonzieInfra;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fal adapter against a fake that speaks fal's queue API; fal itself is never called. */
@QuarkusTest
@TestProfile(FalProfile.class)
@QuarkusTestResource(value = FalFake.class, restrictToAnnotatedClass = true)
@WithMonzieInfra(database = "generation")
class FalImageModelTest {

  static final String TEXT_MODEL = "/fal-ai/flux-pro/v1.1";
  static final String PHOTO_MODEL = "/fal-ai/nano-banana/edit";

  WireMock fal;
  String marker;
  UUID user;
  UUID scene;

  @BeforeEach
  void setUp() {
    fal = new WireMock("localhost", Integer.getInteger(FalFake.PORT));
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
    user = GenerationFixtures.user();
    scene =
        GenerationFixtures.scene(
            Map.of("prompt_template", "A " + marker + " {gender} portrait, {style}"));
  }

  @Test
  void submitPollFetchAndDownloadMakeAnImage() {
    submitAnswers(TEXT_MODEL, okJson(submitted()));
    statusSequence("IN_QUEUE", "IN_PROGRESS", "COMPLETED");
    result(false);
    JsonPath done =
        GenerationFixtures.generate(
            user, Map.of("scene_id", scene.toString(), "seed", 99, "image_size", "landscape_16_9"));
    assertThat(done.getString("status")).isEqualTo("succeeded");
    assertThat(done.getString("image.model")).isEqualTo("fal-ai/flux-pro/v1.1");
    assertThat(done.getInt("image.seed")).isEqualTo(1234); // the seed fal reports
    assertThat(done.getInt("image.width")).isEqualTo(64);
    fal.verifyThat(
        1,
        postRequestedFor(urlPathEqualTo(TEXT_MODEL))
            .withHeader("Authorization", equalTo("Key test-fal-key"))
            .withRequestBody(matchingJsonPath("$.image_size", equalTo("landscape_16_9")))
            .withRequestBody(matchingJsonPath("$.seed", equalTo("99")))
            .withRequestBody(matchingJsonPath("$.num_images", equalTo("1")))
            .withRequestBody(matchingJsonPath("$.output_format", equalTo("png")))
            .withRequestBody(matchingJsonPath("$.safety_tolerance", equalTo("2")))
            .withRequestBody(matchingJsonPath("$.prompt", containing(marker))));
    assertThat(attempts(done)).isEqualTo(1);
    // fal's answers ran on the client's fixed pool (monzie.fal.http-threads=4), not on the JDK
    // client's default executor, which grows a thread per request in flight
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("fal-http-")))
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void aRateLimitIsRetriedWithBackoffAndThenSucceeds() {
    fal.register(
        post(urlPathEqualTo(TEXT_MODEL))
            .withRequestBody(containing(marker))
            .inScenario(marker)
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withBody("{\"detail\":\"Too many requests\"}"))
            .willSetStateTo("calm"));
    fal.register(
        post(urlPathEqualTo(TEXT_MODEL))
            .withRequestBody(containing(marker))
            .inScenario(marker)
            .whenScenarioStateIs("calm")
            .willReturn(okJson(submitted())));
    statusSequence("COMPLETED");
    result(false);
    JsonPath done = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    assertThat(done.getString("status")).isEqualTo("succeeded");
    assertThat(attempts(done)).isEqualTo(2);
    as(user).get("/v1/usage/today").then().body("used", org.hamcrest.Matchers.equalTo(1));
  }

  @Test
  void serverErrorsExhaustTheAttemptsThenTheGenerationFailsAndTheQuotaComesBack() {
    submitAnswers(TEXT_MODEL, aResponse().withStatus(503).withBody("upstream down"));
    JsonPath done = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    assertThat(done.getString("status")).isEqualTo("failed");
    assertThat(done.getString("error")).contains("unavailable").contains("after 3 attempts");
    assertThat(attempts(done)).isEqualTo(3);
    fal.verifyThat(
        3, postRequestedFor(urlPathEqualTo(TEXT_MODEL)).withRequestBody(containing(marker)));
    as(user).get("/v1/usage/today").then().body("used", org.hamcrest.Matchers.equalTo(0));
    var failed = GenerationFixtures.events(Topics.GENERATION_FAILED, done.getString("id"), 1);
    assertThat(ContractSchemas.validate(Topics.GENERATION_FAILED, failed.get(0).value())).isEmpty();
    assertThat(JsonPath.from(failed.get(0).value()).getString("model"))
        .isEqualTo("fal-ai/flux-pro/v1.1");
  }

  @Test
  void anNsfwFlaggedImageFailsWithAClearReasonAndIsNotRetried() {
    submitAnswers(TEXT_MODEL, okJson(submitted()));
    statusSequence("COMPLETED");
    result(true);
    JsonPath done = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    assertThat(done.getString("status")).isEqualTo("failed");
    assertThat(done.getString("error")).contains("content filter");
    assertThat(attempts(done)).isEqualTo(1);
    as(user).get("/v1/usage/today").then().body("used", org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void aDecompressionBombFromTheProviderFailsTheGenerationWithoutDecodingIt() {
    submitAnswers(TEXT_MODEL, okJson(submitted()));
    statusSequence("COMPLETED");
    result(false, ImageBombs.png(8000, 8000)); // 64 MP in a few KB
    JsonPath done = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    assertThat(done.getString("status")).isEqualTo("failed");
    assertThat(done.getString("error")).contains("too large").contains("8000x8000");
    assertThat(attempts(done)).isEqualTo(1);
    as(user).get("/v1/usage/today").then().body("used", org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void aGenerationThatNeverCompletesTimesOut() {
    submitAnswers(TEXT_MODEL, okJson(submitted()));
    fal.register(
        get(urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/status"))
            .willReturn(okJson("{\"status\":\"IN_PROGRESS\"}").withStatus(202)));
    JsonPath done = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    assertThat(done.getString("status")).isEqualTo("failed");
    assertThat(done.getString("error")).contains("did not finish within 6 s");
    as(user).get("/v1/usage/today").then().body("used", org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void cancellingARunningGenerationCancelsTheFalRequestAndGivesTheUnitBack() {
    submitAnswers(TEXT_MODEL, okJson(submitted()));
    fal.register(
        get(urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/status"))
            .willReturn(okJson("{\"status\":\"IN_PROGRESS\"}").withStatus(202)));
    fal.register(
        com.github.tomakehurst.wiremock.client.WireMock.put(
                urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/cancel"))
            .willReturn(okJson("{\"status\":\"CANCELLATION_REQUESTED\"}").withStatus(202)));
    String id = GenerationFixtures.requestGeneration(user, scene).then().extract().path("id");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                !fal.find(
                        com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                            urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/status")))
                    .isEmpty());

    as(user)
        .post("/v1/generations/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("cancelled"));

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                fal.find(
                            com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                                urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/cancel")))
                        .size()
                    == 1);
    as(user).get("/v1/usage/today").then().body("used", org.hamcrest.Matchers.equalTo(0));
    as(user)
        .get("/v1/generations/" + id)
        .then()
        .body("status", org.hamcrest.Matchers.equalTo("cancelled"));
  }

  @Test
  void refusedCredentialsAndInvalidRequestsAreNotRetried() {
    submitAnswers(TEXT_MODEL, aResponse().withStatus(401).withBody("{\"detail\":\"bad key\"}"));
    JsonPath unauthorized = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    assertThat(unauthorized.getString("status")).isEqualTo("failed");
    assertThat(unauthorized.getString("error")).contains("misconfigured");
    assertThat(attempts(unauthorized)).isEqualTo(1);

    setUp();
    submitAnswers(
        TEXT_MODEL,
        aResponse()
            .withStatus(422)
            .withHeader("Content-Type", "application/json")
            .withBody(
                "{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"prompt too long\"}]}"));
    JsonPath invalid = GenerationFixtures.generate(user, Map.of("scene_id", scene.toString()));
    assertThat(invalid.getString("status")).isEqualTo("failed");
    assertThat(invalid.getString("error")).contains("prompt too long");
    assertThat(attempts(invalid)).isEqualTo(1);
  }

  @Test
  void aPhotoGoesToThePhotoModelInlineWithItsAspectRatio() {
    String photo = UploadFixtures.uploadJpeg(user);
    submitAnswers(PHOTO_MODEL, okJson(submitted()));
    statusSequence("COMPLETED");
    result(false);
    JsonPath done =
        GenerationFixtures.generate(
            user,
            Map.of(
                "scene_id", scene.toString(), "original_photo_url", photo, "aspect_ratio", "4:5"));
    assertThat(done.getString("status")).isEqualTo("succeeded");
    assertThat(done.getString("image.model")).isEqualTo("fal-ai/nano-banana/edit");
    fal.verifyThat(
        1,
        postRequestedFor(urlPathEqualTo(PHOTO_MODEL))
            .withRequestBody(matchingJsonPath("$.aspect_ratio", equalTo("4:5")))
            .withRequestBody(matchingJsonPath("$.num_images", equalTo("1")))
            .withRequestBody(matchingJsonPath("$.output_format", equalTo("png")))
            .withRequestBody(
                matchingJsonPath("$.image_urls[0]", containing("data:image/jpeg;base64,"))));
  }

  // ---- fal's queue protocol, per test marker ----------------------------------------------

  private String base() {
    return "http://localhost:" + Integer.getInteger(FalFake.PORT);
  }

  private String submitted() {
    return "{\"request_id\":\""
        + marker
        + "\",\"status_url\":\""
        + base()
        + "/fal-ai/flux-pro/requests/"
        + marker
        + "/status\",\"response_url\":\""
        + base()
        + "/fal-ai/flux-pro/requests/"
        + marker
        + "\",\"cancel_url\":\""
        + base()
        + "/fal-ai/flux-pro/requests/"
        + marker
        + "/cancel\",\"queue_position\":0}";
  }

  private void submitAnswers(
      String model, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    fal.register(
        post(urlPathEqualTo(model)).withRequestBody(containing(marker)).willReturn(answer));
  }

  /** The status URL answers these states in turn, then stays at the last. */
  private void statusSequence(String... states) {
    String state = STARTED;
    for (int i = 0; i < states.length; i++) {
      String next = i == states.length - 1 ? state : "s" + (i + 1);
      fal.register(
          get(urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/status"))
              .inScenario("status-" + marker)
              .whenScenarioStateIs(state)
              .willReturn(
                  okJson("{\"status\":\"" + states[i] + "\",\"queue_position\":0}")
                      .withStatus("COMPLETED".equals(states[i]) ? 200 : 202))
              .willSetStateTo(next));
      state = next;
    }
  }

  private void result(boolean nsfw) {
    result(nsfw, Pictures.png(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB)));
  }

  private void result(boolean nsfw, byte[] png) {
    fal.register(
        get(urlEqualTo("/fal-ai/flux-pro/requests/" + marker))
            .willReturn(
                okJson(
                    "{\"images\":[{\"url\":\""
                        + base()
                        + "/files/"
                        + marker
                        + ".png\",\"width\":64,\"height\":48,\"content_type\":\"image/png\"}],"
                        + "\"seed\":1234,\"has_nsfw_concepts\":["
                        + nsfw
                        + "],\"prompt\":\"x\",\"timings\":{\"inference\":1.2}}")));
    fal.register(
        get(urlEqualTo("/files/" + marker + ".png"))
            .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png)));
  }

  private static int attempts(JsonPath done) {
    return GenerationFixtures.one(
            "SELECT attempts FROM generation_jobs WHERE id = $1",
            Tuple.of(UUID.fromString(done.getString("id"))))
        .getInteger(0);
  }
}
