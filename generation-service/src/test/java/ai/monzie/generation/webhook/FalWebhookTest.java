package ai.monzie.generation.webhook;

import static ai.monzie.generation.GenerationFixtures.as;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.image.Pictures;
import ai.monzie.generation.model.FalFake;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fal's webhooks against the service: fal's queue API is a WireMock fake, and the test plays fal's
 * webhook sender, signing with an Ed25519 key of its own that the fake serves as fal's JWKS.
 */
@QuarkusTest
@TestProfile(FalWebhookProfile.class)
@QuarkusTestResource(value = FalFake.class, restrictToAnnotatedClass = true)
@WithMonzieInfra(database = "generation")
class FalWebhookTest {

  static final String TEXT_MODEL = "/fal-ai/flux-pro/v1.1";
  static final KeyPair FAL_KEY = ed25519();
  static final KeyPair OTHER_KEY = ed25519();

  WireMock fal;
  String marker;
  UUID user;
  UUID scene;

  @BeforeEach
  void setUp() {
    fal = new WireMock("localhost", Integer.getInteger(FalFake.PORT));
    fal.register(get(urlEqualTo(FalFake.JWKS_PATH)).willReturn(okJson(jwks(FAL_KEY))));
    user = GenerationFixtures.user();
    scene = GenerationFixtures.scene();
    marker = newMarker();
  }

  @Test
  void aSignedWebhookCompletesTheJobThatWaitedWithoutASlot() {
    String id = waitingJob(marker);
    fal.verifyThat(
        1,
        postRequestedFor(urlPathEqualTo(TEXT_MODEL))
            .withQueryParam(
                "fal_webhook",
                WireMock.equalTo(FalWebhookProfile.WEBHOOK_BASE + "/v1/webhooks/fal"))
            .withRequestBody(containing("\"seed\":" + seedOf(marker) + ",")));

    webhook(marker, ok(marker), FAL_KEY, now())
        .then()
        .statusCode(200)
        .body("received", equalTo(true))
        .body("outcome", equalTo("succeeded"));

    as(user)
        .get("/v1/generations/" + id)
        .then()
        .body("status", equalTo("succeeded"))
        .body("image.width", equalTo(64))
        .body("image.seed", equalTo(1234));
    assertThat(GenerationFixtures.events(Topics.IMAGE_GENERATED, id, 1)).hasSize(1);
  }

  @Test
  void forgedWrongKeyStaleAndUnsignedCallsAre401AndChangeNothing() {
    String id = waitingJob(marker);
    byte[] body = ok(marker);
    long now = now();
    // a valid signature over another body (the image URL swapped)
    byte[] forged = new String(body, StandardCharsets.UTF_8).replace(".png", "-x.png").getBytes();
    String goodSignature = sign(FAL_KEY, marker, "fal-user", now, body);
    refused(send(marker, "fal-user", String.valueOf(now), goodSignature, forged));
    // the right body and request, another user id than signed
    refused(send(marker, "someone-else", String.valueOf(now), goodSignature, body));
    // signed by a key that is not fal's
    refused(webhook(marker, body, OTHER_KEY, now));
    // stale, and from the future: signed correctly, but more than 5 minutes off
    refused(webhook(marker, body, FAL_KEY, now - 400));
    refused(webhook(marker, body, FAL_KEY, now + 400));
    // unsigned, partly signed, a signature that is not hex
    refused(given().contentType("application/json").body(body).post("/v1/webhooks/fal"));
    refused(send(marker, "fal-user", String.valueOf(now), null, body));
    refused(send(marker, "fal-user", String.valueOf(now), "zz" + goodSignature.substring(2), body));

    as(user).get("/v1/generations/" + id).then().body("status", equalTo("running"));
    assertThat(images(id)).isZero();
    fal.verifyThat(0, getRequestedFor(urlEqualTo("/files/" + marker + ".png")));

    // fal's real call still completes it
    webhook(marker, body, FAL_KEY, now()).then().statusCode(200);
    as(user).get("/v1/generations/" + id).then().body("status", equalTo("succeeded"));
  }

  @Test
  void replayedWebhooksAnswer200AndTakeEffectOnce() {
    String id = waitingJob(marker);
    byte[] body = ok(marker);
    long now = now();
    List<Response> answers = Parallel.run(6, i -> webhook(marker, body, FAL_KEY, now));
    assertThat(answers).allMatch(r -> r.statusCode() == 200);
    assertThat(answers)
        .extracting(r -> r.jsonPath().getString("outcome"))
        .containsOnly("succeeded", "already_ended")
        .filteredOn("succeeded"::equals)
        .hasSize(1);
    // and once more, later
    webhook(marker, body, FAL_KEY, now)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("already_ended"));

    assertThat(images(id)).isEqualTo(1);
    assertThat(GenerationFixtures.events(Topics.IMAGE_GENERATED, id, 1)).hasSize(1);
    // concurrent replays may each download, but only the winner's files are kept
    await().atMost(Duration.ofSeconds(10)).until(() -> storedFiles(user) == 2); // PNG + thumbnail
    int downloads = fal.find(getRequestedFor(urlEqualTo("/files/" + marker + ".png"))).size();
    webhook(marker, body, FAL_KEY, now()).then().statusCode(200);
    assertThat(fal.find(getRequestedFor(urlEqualTo("/files/" + marker + ".png"))))
        .as("a replay after the end downloads nothing")
        .hasSize(downloads);
    as(user).get("/v1/usage/today").then().body("used", equalTo(1));
  }

  @Test
  void anErrorPayloadFailsTheJobAndGivesTheUnitBackOnce() {
    String id = waitingJob(marker);
    byte[] body =
        GenerationFixtures.json(
                Map.of(
                    "request_id",
                    marker,
                    "gateway_request_id",
                    marker,
                    "status",
                    "ERROR",
                    "error",
                    "Invalid status code: 422",
                    "payload",
                    Map.of(
                        "detail",
                        List.of(
                            Map.of(
                                "loc",
                                List.of("body", "prompt"),
                                "msg",
                                "field required",
                                "type",
                                "value_error.missing")))))
            .getBytes(StandardCharsets.UTF_8);
    webhook(marker, body, FAL_KEY, now()).then().statusCode(200).body("outcome", equalTo("failed"));
    webhook(marker, body, FAL_KEY, now())
        .then()
        .statusCode(200)
        .body("outcome", equalTo("already_ended"));

    as(user)
        .get("/v1/generations/" + id)
        .then()
        .body("status", equalTo("failed"))
        .body("error", org.hamcrest.Matchers.containsString("Invalid status code: 422"));
    as(user).get("/v1/usage/today").then().body("used", equalTo(0));
    assertThat(GenerationFixtures.events(Topics.GENERATION_FAILED, id, 1)).hasSize(1);
  }

  @Test
  void withoutAWebhookTheJobIsPolledOnceTheGraceIsOver() {
    submitAnswers(marker);
    fal.register(
        get(urlPathEqualTo(statusPath(marker))).willReturn(okJson("{\"status\":\"COMPLETED\"}")));
    result(marker);
    String id = request();

    var done = GenerationFixtures.awaitFinished(user, id);
    assertThat(done.getString("status")).isEqualTo("succeeded");
    Instant submitted =
        first(
            postRequestedFor(urlPathEqualTo(TEXT_MODEL))
                .withRequestBody(containing("\"seed\":" + seedOf(marker) + ",")));
    Instant polled = first(getRequestedFor(urlPathEqualTo(statusPath(marker))));
    // nobody asked fal before the webhook was overdue (grace 2 s, plus the expected time)
    assertThat(Duration.between(submitted, polled)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void withOneSlotTwoJobsAreBothSubmittedBeforeEitherCompletes() {
    String second = newMarker();
    String first = waitingJob(marker);
    UUID other = GenerationFixtures.user();
    submitAnswers(second);
    inProgress(second);
    result(second);
    String secondId =
        GenerationFixtures.jsonAs(other)
            .body(Map.of("scene_id", scene.toString(), "seed", seedOf(second)))
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitRecorded(secondId, second);
    // both are at fal at once although the provider's limit is one job
    as(user).get("/v1/generations/" + first).then().body("status", equalTo("running"));
    as(other).get("/v1/generations/" + secondId).then().body("status", equalTo("running"));

    webhook(second, ok(second), FAL_KEY, now()).then().statusCode(200);
    webhook(marker, ok(marker), FAL_KEY, now()).then().statusCode(200);
    as(other).get("/v1/generations/" + secondId).then().body("status", equalTo("succeeded"));
    as(user).get("/v1/generations/" + first).then().body("status", equalTo("succeeded"));
  }

  @Test
  void cancellingAWaitingJobCancelsItAtFalAndALateWebhookKeepsNoFile() {
    fal.register(
        put(urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/cancel"))
            .willReturn(okJson("{\"status\":\"CANCELLATION_REQUESTED\"}").withStatus(202)));
    String id = waitingJob(marker);

    as(user)
        .post("/v1/generations/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                fal.find(
                            putRequestedFor(
                                urlPathEqualTo("/fal-ai/flux-pro/requests/" + marker + "/cancel")))
                        .size()
                    == 1);

    webhook(marker, ok(marker), FAL_KEY, now())
        .then()
        .statusCode(200)
        .body("outcome", equalTo("already_ended"));
    as(user).get("/v1/generations/" + id).then().body("status", equalTo("cancelled"));
    assertThat(images(id)).isZero();
    fal.verifyThat(0, getRequestedFor(urlEqualTo("/files/" + marker + ".png")));
    as(user).get("/v1/usage/today").then().body("used", equalTo(0));
  }

  @Test
  void aSignedCallForAnUnknownRequestIsNotFound() {
    webhook(marker, ok(marker), FAL_KEY, now())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  // ---- fal's side ----------------------------------------------------------------------

  /** A generation submitted to the fake fal and waiting for it (running, its request recorded). */
  private String waitingJob(String requestId) {
    submitAnswers(requestId);
    inProgress(requestId);
    result(requestId);
    String id = request(requestId);
    awaitRecorded(id, requestId);
    return id;
  }

  private String request() {
    return request(marker);
  }

  private String request(String requestId) {
    return GenerationFixtures.jsonAs(user)
        .body(Map.of("scene_id", scene.toString(), "seed", seedOf(requestId)))
        .post("/v1/generations")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static void awaitRecorded(String id, String requestId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                requestId.equals(
                    GenerationFixtures.one(
                            "SELECT provider_request_id FROM generation_jobs WHERE id = $1",
                            Tuple.of(UUID.fromString(id)))
                        .getString(0)));
  }

  /** Each request's seed is its own, so its submit is told apart from other tests'. */
  private static int seedOf(String requestId) {
    return Math.abs(requestId.hashCode() % 1_000_000);
  }

  private void submitAnswers(String requestId) {
    fal.register(
        post(urlPathEqualTo(TEXT_MODEL))
            .withRequestBody(containing("\"seed\":" + seedOf(requestId) + ","))
            .willReturn(okJson(submitted(requestId))));
  }

  private void inProgress(String requestId) {
    fal.register(
        get(urlPathEqualTo(statusPath(requestId)))
            .willReturn(okJson("{\"status\":\"IN_PROGRESS\"}").withStatus(202)));
  }

  private void result(String requestId) {
    fal.register(
        get(urlEqualTo("/fal-ai/flux-pro/requests/" + requestId))
            .willReturn(okJson(new String(payload(requestId), StandardCharsets.UTF_8))));
    fal.register(
        get(urlEqualTo("/files/" + requestId + ".png"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "image/png")
                    .withBody(
                        Pictures.png(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB)))));
  }

  private static String statusPath(String requestId) {
    return "/fal-ai/flux-pro/requests/" + requestId + "/status";
  }

  private String base() {
    return "http://localhost:" + Integer.getInteger(FalFake.PORT);
  }

  private String submitted(String requestId) {
    String at = base() + "/fal-ai/flux-pro/requests/" + requestId;
    return "{\"request_id\":\""
        + requestId
        + "\",\"gateway_request_id\":\""
        + requestId
        + "\",\"status_url\":\""
        + at
        + "/status\",\"response_url\":\""
        + at
        + "\",\"cancel_url\":\""
        + at
        + "/cancel\",\"queue_position\":0}";
  }

  private byte[] payload(String requestId) {
    return ("{\"images\":[{\"url\":\""
            + base()
            + "/files/"
            + requestId
            + ".png\",\"content_type\":\"image/png\",\"file_name\":\"image.png\","
            + "\"width\":64,\"height\":48}],\"seed\":1234,\"has_nsfw_concepts\":[false],"
            + "\"prompt\":\"x\",\"timings\":{\"inference\":1.2}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** fal's webhook body for a success, as documented. */
  private byte[] ok(String requestId) {
    return ("{\"request_id\":\""
            + requestId
            + "\",\"gateway_request_id\":\""
            + requestId
            + "\",\"status\":\"OK\",\"payload\":"
            + new String(payload(requestId), StandardCharsets.UTF_8)
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Response webhook(String requestId, byte[] body, KeyPair key, long timestamp) {
    return send(
        requestId,
        "fal-user",
        String.valueOf(timestamp),
        sign(key, requestId, "fal-user", timestamp, body),
        body);
  }

  private static Response send(
      String requestId, String userId, String timestamp, String signature, byte[] body) {
    var request = given().contentType("application/json").body(body);
    request.header("X-Fal-Webhook-Request-Id", requestId);
    request.header("X-Fal-Webhook-User-Id", userId);
    request.header("X-Fal-Webhook-Timestamp", timestamp);
    if (signature != null) {
      request.header("X-Fal-Webhook-Signature", signature);
    }
    return request.post("/v1/webhooks/fal");
  }

  private static void refused(Response response) {
    response.then().statusCode(401).contentType("application/problem+json");
  }

  /** fal's scheme: hex ED25519 over request id, user id, timestamp and the body's SHA-256 hex. */
  static String sign(KeyPair key, String requestId, String userId, long timestamp, byte[] body) {
    try {
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key.getPrivate());
      signer.update(
          String.join("\n", requestId, userId, String.valueOf(timestamp), digest)
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(signer.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JWKS with the key as fal publishes its own: OKP, Ed25519, x = the raw 32 bytes. */
  static String jwks(KeyPair key) {
    byte[] encoded = key.getPublic().getEncoded(); // X.509: 12 bytes of header, then the key
    byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    return "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"test\",\"use\":\"sig\","
        + "\"alg\":\"EdDSA\",\"x\":\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)
        + "\"}]}";
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static String newMarker() {
    return "m" + UUID.randomUUID().toString().replace("-", "");
  }

  private static long images(String id) {
    return GenerationFixtures.count(
        "SELECT count(*) FROM generated_images WHERE generation_id = $1",
        Tuple.of(UUID.fromString(id)));
  }

  /** Files the service keeps in the user's images folder (filesystem store of the tests). */
  private static long storedFiles(UUID user) throws java.io.IOException {
    java.nio.file.Path folder =
        java.nio.file.Path.of(
            org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("monzie.storage.filesystem.root", String.class),
            "users",
            user.toString(),
            "images");
    if (!java.nio.file.Files.isDirectory(folder)) {
      return 0;
    }
    try (var files = java.nio.file.Files.walk(folder)) {
      return files.filter(java.nio.file.Files::isRegularFile).count();
    }
  }

  private Instant first(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
    return fal.find(pattern).stream()
        .map(LoggedRequest::getLoggedDate)
        .map(java.util.Date::toInstant)
        .min(Instant::compareTo)
        .orElseThrow();
  }
}
