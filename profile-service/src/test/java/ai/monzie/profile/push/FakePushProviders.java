package ai.monzie.profile.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Fake Expo and FCM servers (one WireMock) speaking their wire formats, plus Google's OAuth2 token
 * endpoint. The fake Expo answers each message by its token: one containing {@code Gone} gets a
 * DeviceNotRegistered ticket, one containing {@code LaterGone} an ok ticket whose receipt is
 * DeviceNotRegistered, any other an ok ticket and an ok receipt. Tests add stubs of a higher
 * priority for outages. The port and the service account's public key travel in system properties,
 * which the test's class loader sees too.
 */
public class FakePushProviders implements QuarkusTestResourceLifecycleManager {

  static final String PORT = "monzie.test.push-port";
  static final String PUBLIC_KEY = "monzie.test.push-fcm-public-key";
  static final String SEND = "/--/api/v2/push/send";
  static final String RECEIPTS = "/--/api/v2/push/getReceipts";
  static final String PROJECT = "test-project";
  static final String FCM_SEND = "/v1/projects/" + PROJECT + "/messages:send";
  static final String CLIENT_EMAIL = "push@test-project.iam.gserviceaccount.com";
  static final String ACCESS_TOKEN = "ya29.test-access-token";

  private static final ObjectMapper JSON = new ObjectMapper();
  private WireMockServer server;

  @Override
  public Map<String, String> start() {
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .extensions(new ExpoTickets(), new ExpoReceipts()));
    server.start();
    String base = "http://localhost:" + server.port();
    server.stubFor(
        post(urlPathEqualTo(SEND))
            .atPriority(10)
            .willReturn(aResponse().withTransformers("expo-tickets")));
    server.stubFor(
        post(urlPathEqualTo(RECEIPTS))
            .atPriority(10)
            .willReturn(aResponse().withTransformers("expo-receipts")));
    server.stubFor(
        post(urlPathEqualTo(FCM_SEND))
            .atPriority(10)
            .willReturn(okJson("{\"name\":\"projects/" + PROJECT + "/messages/0:1\"}")));
    server.stubFor(
        post(urlPathEqualTo("/token"))
            .willReturn(
                okJson(
                    "{\"access_token\":\""
                        + ACCESS_TOKEN
                        + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    System.setProperty(PORT, String.valueOf(server.port()));
    return Map.of(
        "monzie.push.expo.url", base + "/--/api/v2/push",
        "monzie.push.fcm.url", base,
        "monzie.push.fcm.service-account-location", serviceAccount(base + "/token").toString(),
        "monzie.push.drain-interval", "0.2s",
        "monzie.push.retry-initial", "0.2s",
        "monzie.push.retry-max", "1s",
        "monzie.push.max-attempts", "4",
        "monzie.push.request-timeout",
            "10s", // a timeout is a resend: not on a loaded build machine
        "monzie.push.expo.receipt-delay", "0s");
  }

  /** A service account key file as the Firebase console hands it out, with a key of its own. */
  private static Path serviceAccount(String tokenUri) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes())
                  .encodeToString(keys.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      System.setProperty(
          PUBLIC_KEY, Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
      ObjectNode json =
          JSON.createObjectNode()
              .put("type", "service_account")
              .put("project_id", PROJECT)
              .put("private_key_id", "test-key-1")
              .put("private_key", pem)
              .put("client_email", CLIENT_EMAIL)
              .put("token_uri", tokenUri);
      Path file = Files.createTempFile("fcm-service-account", ".json");
      file.toFile().deleteOnExit();
      Files.writeString(file, json.toString());
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** Expo's /send: one ticket per message, in order. */
  static final class ExpoTickets implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      try {
        JsonNode messages = JSON.readTree(serveEvent.getRequest().getBodyAsString());
        ArrayNode data = JSON.createArrayNode();
        for (JsonNode message : messages) {
          String to = message.path("to").asText();
          if (to.contains("LaterGone")) {
            data.addObject().put("status", "ok").put("id", "gone-" + UUID.randomUUID());
          } else if (to.contains("Gone")) {
            ObjectNode error =
                data.addObject()
                    .put("status", "error")
                    .put(
                        "message",
                        "\"" + to + "\" is not a registered push notification recipient");
            error.putObject("details").put("error", "DeviceNotRegistered");
          } else {
            data.addObject().put("status", "ok").put("id", UUID.randomUUID().toString());
          }
        }
        return json(JSON.createObjectNode().set("data", data));
      } catch (Exception e) {
        return new ResponseDefinition(400, "{\"errors\":[{\"code\":\"VALIDATION_ERROR\"}]}");
      }
    }

    @Override
    public String getName() {
      return "expo-tickets";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }
  }

  /** Expo's /getReceipts: a receipt per id. */
  static final class ExpoReceipts implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      try {
        JsonNode ids = JSON.readTree(serveEvent.getRequest().getBodyAsString()).path("ids");
        ObjectNode data = JSON.createObjectNode();
        for (JsonNode id : ids) {
          if (id.asText().startsWith("gone-")) {
            ObjectNode receipt =
                data.putObject(id.asText())
                    .put("status", "error")
                    .put("message", "The device cannot receive push notifications anymore");
            receipt.putObject("details").put("error", "DeviceNotRegistered");
          } else {
            data.putObject(id.asText()).put("status", "ok");
          }
        }
        return json(JSON.createObjectNode().set("data", data));
      } catch (Exception e) {
        return new ResponseDefinition(400, "{\"errors\":[{\"code\":\"VALIDATION_ERROR\"}]}");
      }
    }

    @Override
    public String getName() {
      return "expo-receipts";
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }
  }

  private static ResponseDefinition json(JsonNode body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body.toString())
        .build();
  }
}
