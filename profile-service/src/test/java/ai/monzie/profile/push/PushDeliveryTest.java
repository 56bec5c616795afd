package ai.monzie.profile.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.platform.events.Topics;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.profile.ProfileFixtures.Account;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.WithMonzieInfra;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FakePushProviders.class, restrictToAnnotatedClass = true)
@WithMonzieInfra(database = "profile")
class PushDeliveryTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  @Inject Pool pool;
  WireMock fake;

  @BeforeEach
  void connect() {
    fake = new WireMock("localhost", Integer.getInteger(FakePushProviders.PORT));
  }

  // ---- events as generation-service publishes them (deploy/contracts/schemas) ----

  static KafkaProbe.Outgoing imageGenerated(Account account, String generationId) {
    String json =
        """
        {"image_id":"%s","generation_id":"%s","user_id":"%s","scene_id":"%s","scene_name":"Retro Portrait",
         "scene_category":null,"model":"local","generation_time":0.2,"is_enhanced":false,
         "created_at":"2026-11-25T10:00:00Z"}"""
            .formatted(UUID.randomUUID(), generationId, account.id(), UUID.randomUUID());
    return new KafkaProbe.Outgoing(
        Topics.IMAGE_GENERATED, account.id(), UUID.randomUUID().toString(), json);
  }

  static KafkaProbe.Outgoing generationFailed(Account account, String generationId) {
    String json =
        """
        {"generation_id":"%s","user_id":"%s","scene_id":"%s","model":"local","reason":"provider down",
         "failed_at":"2026-11-25T10:00:00Z"}"""
            .formatted(generationId, account.id(), UUID.randomUUID());
    return new KafkaProbe.Outgoing(
        Topics.GENERATION_FAILED, account.id(), UUID.randomUUID().toString(), json);
  }

  static KafkaProbe.Outgoing generationCancelled(
      Account account, String generationId, String cancelledBy) {
    String json =
        """
        {"generation_id":"%s","user_id":"%s","scene_id":"%s","cancelled_by":"%s","reason":"r",
         "cancelled_at":"2026-11-25T10:00:00Z"}"""
            .formatted(generationId, account.id(), UUID.randomUUID(), cancelledBy);
    return new KafkaProbe.Outgoing(
        Topics.GENERATION_CANCELLED, account.id(), UUID.randomUUID().toString(), json);
  }

  /** Every message the fake Expo received for this token, across /send requests. */
  List<JsonNode> expoMessagesTo(String token) {
    List<JsonNode> messages = new ArrayList<>();
    for (LoggedRequest request :
        fake.find(
            postRequestedFor(urlPathEqualTo(FakePushProviders.SEND))
                .withRequestBody(containing(token)))) {
      try {
        for (JsonNode message : JSON.readTree(request.getBodyAsString())) {
          if (message.path("to").asText().equals(token)) {
            messages.add(message);
          }
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return messages;
  }

  List<LoggedRequest> fcmRequestsTo(String token) {
    return fake.find(
        postRequestedFor(urlPathEqualTo(FakePushProviders.FCM_SEND))
            .withRequestBody(containing(token)));
  }

  Row push(String token) {
    var rows =
        pool.preparedQuery("SELECT state, attempts FROM push_outbox WHERE token = $1")
            .execute(Tuple.of(token))
            .await()
            .indefinitely();
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  void setLocale(Account account, String locale) {
    pool.preparedQuery("UPDATE profiles SET locale = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(account.id()), locale))
        .await()
        .indefinitely();
  }

  // ---- the tests ----

  @Test
  void anImageReadySendsOnePushPerDeviceInTheUsersLanguage() throws Exception {
    Account turkish = ProfileFixtures.signUp();
    setLocale(turkish, "tr");
    String phone = ProfileFixtures.expoToken("tr1");
    String tablet = ProfileFixtures.expoToken("tr2");
    String android = ProfileFixtures.fcmToken();
    ProfileFixtures.registerDevice(turkish, phone, "expo");
    ProfileFixtures.registerDevice(turkish, tablet, "expo");
    ProfileFixtures.registerDevice(turkish, android, "fcm");
    Account english = ProfileFixtures.signUp();
    String englishPhone = ProfileFixtures.expoToken("en");
    ProfileFixtures.registerDevice(english, englishPhone, "expo");
    String generation = UUID.randomUUID().toString();

    KafkaProbe.publishAll(
        List.of(imageGenerated(turkish, generation), imageGenerated(english, generation)));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(expoMessagesTo(phone)).hasSize(1);
              assertThat(expoMessagesTo(tablet)).hasSize(1);
              assertThat(expoMessagesTo(englishPhone)).hasSize(1);
              assertThat(fcmRequestsTo(android)).hasSize(1);
            });
    JsonNode toPhone = expoMessagesTo(phone).get(0);
    assertThat(toPhone.path("title").asText()).isEqualTo("Görselin hazır");
    assertThat(toPhone.path("body").asText()).contains("Retro Portrait");
    assertThat(toPhone.path("data").path("generation_id").asText()).isEqualTo(generation);
    assertThat(toPhone.path("data").path("type").asText()).isEqualTo("image.generated");
    assertThat(expoMessagesTo(englishPhone).get(0).path("title").asText())
        .isEqualTo("Your image is ready");

    // FCM HTTP v1: the message, with the OAuth2 access token of the service account
    LoggedRequest fcm = fcmRequestsTo(android).get(0);
    assertThat(fcm.getHeader("Authorization"))
        .isEqualTo("Bearer " + FakePushProviders.ACCESS_TOKEN);
    JsonNode message = JSON.readTree(fcm.getBodyAsString()).path("message");
    assertThat(message.path("token").asText()).isEqualTo(android);
    assertThat(message.path("notification").path("title").asText()).isEqualTo("Görselin hazır");
    assertThat(message.path("data").path("generation_id").asText()).isEqualTo(generation);

    // the access token came from the JWT-bearer grant, signed by the service account's key
    LoggedRequest grant = fake.find(postRequestedFor(urlPathEqualTo("/token"))).get(0);
    Map<String, String> form = form(grant.getBodyAsString());
    assertThat(form.get("grant_type")).isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    PublicKey key =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder().decode(System.getProperty(FakePushProviders.PUBLIC_KEY))));
    JwtClaims claims =
        new JwtConsumerBuilder()
            .setVerificationKey(key)
            .setExpectedIssuer(FakePushProviders.CLIENT_EMAIL)
            .setExpectedAudience(grant.getAbsoluteUrl())
            .setRequireExpirationTime()
            .build()
            .processToClaims(form.get("assertion"));
    assertThat(claims.getStringClaimValue("scope")).isEqualTo(FcmCredentials.SCOPE);

    await().atMost(WAIT).until(() -> "sent".equals(push(phone).getString("state")));
  }

  @Test
  void aDuplicateEventSendsOnce() {
    Account account = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("dup");
    ProfileFixtures.registerDevice(account, token, "expo");
    String generation = UUID.randomUUID().toString();
    KafkaProbe.Outgoing event = imageGenerated(account, generation);
    KafkaProbe.publishAll(List.of(event, event));
    KafkaProbe.publishAll(List.of(event));
    // the same topic and key, so the same partition: consumed after the three copies, and its push
    // queued after theirs (another topic would be consumed in parallel, in any order)
    String marker = UUID.randomUUID().toString();
    KafkaProbe.publishAll(List.of(imageGenerated(account, marker)));
    await()
        .atMost(WAIT)
        .until(
            () ->
                expoMessagesTo(token).stream()
                    .anyMatch(m -> m.path("data").path("generation_id").asText().equals(marker)));
    assertThat(expoMessagesTo(token))
        .extracting(m -> m.path("data").path("generation_id").asText())
        .containsExactlyInAnyOrder(generation, marker);
  }

  @Test
  void noPushWhenNotificationsAreOffOrTheUserCancelled() {
    Account account = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("quiet");
    ProfileFixtures.registerDevice(account, token, "expo");
    ProfileFixtures.setNotifications(account, false);
    String whileOff = UUID.randomUUID().toString();
    KafkaProbe.publishAll(List.of(imageGenerated(account, whileOff)));
    // the next events share the key, so they are consumed after it; wait for it to count
    await().atMost(WAIT).until(() -> ProfileFixtures.generationCount(account) == 1);
    ProfileFixtures.setNotifications(account, true);
    String byUser = UUID.randomUUID().toString();
    String bySystem = UUID.randomUUID().toString();
    KafkaProbe.publishAll(
        List.of(
            generationCancelled(account, byUser, "user"),
            generationCancelled(account, bySystem, "system")));
    await().atMost(WAIT).until(() -> !expoMessagesTo(token).isEmpty());
    List<JsonNode> messages = expoMessagesTo(token);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("data").path("generation_id").asText()).isEqualTo(bySystem);
    assertThat(messages.get(0).path("title").asText()).isEqualTo("Your image was cancelled");
  }

  @Test
  void deviceNotRegisteredInATicketForgetsTheToken() {
    Account account = ProfileFixtures.signUp();
    String gone = ProfileFixtures.expoToken("Gone");
    String kept = ProfileFixtures.expoToken("kept");
    ProfileFixtures.registerDevice(account, gone, "expo");
    ProfileFixtures.registerDevice(account, kept, "expo");
    KafkaProbe.publishAll(List.of(imageGenerated(account, UUID.randomUUID().toString())));
    await().atMost(WAIT).until(() -> !ProfileFixtures.deviceTokens(account).contains(gone));
    assertThat(ProfileFixtures.deviceTokens(account)).containsExactly(kept);
    assertThat(push(gone).getString("state")).isEqualTo("dropped");
    assertThat(expoMessagesTo(gone)).hasSize(1); // not retried
  }

  @Test
  void deviceNotRegisteredInAReceiptForgetsTheToken() {
    Account account = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("LaterGone");
    ProfileFixtures.registerDevice(account, token, "expo");
    KafkaProbe.publishAll(List.of(imageGenerated(account, UUID.randomUUID().toString())));
    await().atMost(WAIT).until(() -> ProfileFixtures.deviceTokens(account).isEmpty());
    assertThat(push(token).getString("state")).isEqualTo("sent"); // the ticket was ok
    assertThat(fake.find(postRequestedFor(urlPathEqualTo(FakePushProviders.RECEIPTS))))
        .isNotEmpty();
  }

  @Test
  void fcmUnregisteredForgetsTheToken() {
    Account account = ProfileFixtures.signUp();
    String token = ProfileFixtures.fcmToken();
    ProfileFixtures.registerDevice(account, token, "fcm");
    fake.register(
        post(urlPathEqualTo(FakePushProviders.FCM_SEND))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
                        {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
                         "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}""")));
    KafkaProbe.publishAll(List.of(imageGenerated(account, UUID.randomUUID().toString())));
    await().atMost(WAIT).until(() -> ProfileFixtures.deviceTokens(account).isEmpty());
    assertThat(fcmRequestsTo(token)).hasSize(1);
  }

  @Test
  void rateLimitsAndServerErrorsAreRetriedUntilTheySucceed() {
    Account account = ProfileFixtures.signUp();
    String expoToken = ProfileFixtures.expoToken("busy");
    String fcmToken = ProfileFixtures.fcmToken();
    ProfileFixtures.registerDevice(account, expoToken, "expo");
    ProfileFixtures.registerDevice(account, fcmToken, "fcm");
    String scenario = "busy-" + UUID.randomUUID();
    fake.register(
        post(urlPathEqualTo(FakePushProviders.SEND))
            .atPriority(1)
            .withRequestBody(containing(expoToken))
            .inScenario(scenario)
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withBody("Too Many Requests"))
            .willSetStateTo("down"));
    fake.register(
        post(urlPathEqualTo(FakePushProviders.SEND))
            .atPriority(1)
            .withRequestBody(containing(expoToken))
            .inScenario(scenario)
            .whenScenarioStateIs("down")
            .willReturn(aResponse().withStatus(503).withBody("upstream unavailable"))
            .willSetStateTo("up")); // then the default stub answers: an ok ticket
    fake.register(
        post(urlPathEqualTo(FakePushProviders.FCM_SEND))
            .atPriority(1)
            .withRequestBody(containing(fcmToken))
            .inScenario(scenario + "-fcm")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"code\":503,\"status\":\"UNAVAILABLE\"}}"))
            .willSetStateTo("up"));
    KafkaProbe.publishAll(List.of(imageGenerated(account, UUID.randomUUID().toString())));
    await()
        .atMost(WAIT)
        .until(() -> push(expoToken) != null && "sent".equals(push(expoToken).getString("state")));
    await().atMost(WAIT).until(() -> "sent".equals(push(fcmToken).getString("state")));
    assertThat(push(expoToken).getInteger("attempts")).isEqualTo(3);
    assertThat(expoMessagesTo(expoToken)).hasSize(3);
    assertThat(push(fcmToken).getInteger("attempts")).isEqualTo(2);
    assertThat(ProfileFixtures.deviceTokens(account))
        .containsExactlyInAnyOrder(expoToken, fcmToken);
  }

  @Test
  void aProviderThatStaysDownIsGivenUpAfterMaxAttemptsWithoutHoldingUpEvents() {
    Account account = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("down");
    ProfileFixtures.registerDevice(account, token, "expo");
    fake.register(
        post(urlPathEqualTo(FakePushProviders.SEND))
            .atPriority(1)
            .withRequestBody(containing(token))
            .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    KafkaProbe.publishAll(List.of(imageGenerated(account, UUID.randomUUID().toString())));
    // the event is applied (counted) while its push is still failing
    await().atMost(WAIT).until(() -> ProfileFixtures.generationCount(account) == 1);
    await()
        .atMost(WAIT)
        .until(() -> push(token) != null && "failed".equals(push(token).getString("state")));
    assertThat(push(token).getInteger("attempts")).isEqualTo(4); // monzie.push.max-attempts here
    assertThat(expoMessagesTo(token)).hasSize(4);
    assertThat(ProfileFixtures.deviceTokens(account)).containsExactly(token); // not its fault
  }

  @Test
  void aTokenMovedToAnotherUserGetsNoPushOfThePreviousOne() {
    Account before = ProfileFixtures.signUp();
    Account after = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("moved");
    ProfileFixtures.registerDevice(before, token, "expo");
    ProfileFixtures.registerDevice(after, token, "expo");
    String forBefore = UUID.randomUUID().toString();
    String forAfter = UUID.randomUUID().toString();
    KafkaProbe.publishAll(List.of(imageGenerated(before, forBefore)));
    KafkaProbe.publishAll(List.of(imageGenerated(after, forAfter)));
    await().atMost(WAIT).until(() -> !expoMessagesTo(token).isEmpty());
    // give the other user's event the same time to be (not) sent: its counter moved already
    await().atMost(WAIT).until(() -> ProfileFixtures.generationCount(before) == 1);
    assertThat(expoMessagesTo(token))
        .extracting(m -> m.path("data").path("generation_id").asText())
        .containsExactly(forAfter);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new java.util.HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }
}
