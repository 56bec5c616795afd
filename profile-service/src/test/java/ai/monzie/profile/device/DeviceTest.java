package ai.monzie.profile.device;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.profile.ProfileFixtures;
import ai.monzie.profile.ProfileFixtures.Account;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithMonzieInfra(database = "profile")
class DeviceTest {

  static final String PROBLEM = "application/problem+json";

  @Inject Pool pool;

  @Test
  void registeringIsIdempotentAndListsTheDevice() {
    Account account = ProfileFixtures.signUp();
    String expo = ProfileFixtures.expoToken("a");
    String fcm = ProfileFixtures.fcmToken();
    ProfileFixtures.registerDevice(account, expo, "expo");
    ProfileFixtures.registerDevice(account, expo, "expo");
    var device = ProfileFixtures.registerDevice(account, fcm, "fcm");
    assertThat(device.getString("token")).isEqualTo(fcm);
    assertThat(device.getString("platform")).isEqualTo("android");
    assertThat(device.getString("provider")).isEqualTo("fcm");
    assertThat(ProfileFixtures.deviceTokens(account)).containsExactly(fcm, expo);
  }

  @Test
  void reRegisteringMovesTheTokenToTheNewUser() {
    Account first = ProfileFixtures.signUp();
    Account second = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("move");
    ProfileFixtures.registerDevice(first, token, "expo");
    ProfileFixtures.registerDevice(second, token, "expo");
    assertThat(ProfileFixtures.deviceTokens(first)).isEmpty();
    assertThat(ProfileFixtures.deviceTokens(second)).containsExactly(token);
  }

  @Test
  void anotherUsersDeviceCannotBeDeleted() {
    Account owner = ProfileFixtures.signUp();
    Account other = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("mine");
    ProfileFixtures.registerDevice(owner, token, "expo");
    given()
        .auth()
        .oauth2(other.accessToken())
        .delete("/v1/devices/{token}", token)
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .body("type", equalTo("https://monzie.ai/problems/device-not-found"));
    assertThat(ProfileFixtures.deviceTokens(owner)).containsExactly(token);
    given()
        .auth()
        .oauth2(owner.accessToken())
        .delete("/v1/devices/{token}", token)
        .then()
        .statusCode(204);
    assertThat(ProfileFixtures.deviceTokens(owner)).isEmpty();
    given()
        .auth()
        .oauth2(owner.accessToken())
        .delete("/v1/devices/{token}", token)
        .then()
        .statusCode(404);
  }

  @ParameterizedTest
  @CsvSource({
    "not-a-token, ios, expo, token",
    "ExponentPushToken[], ios, expo, token",
    "ExponentPushToken[abc def], ios, expo, token",
    "short:token, android, fcm, token",
    "ExponentPushToken[abc], windows, expo, platform",
    "ExponentPushToken[abc], ios, apns, provider",
  })
  void malformedRegistrationsAreProblemsAndStoreNothing(
      String token, String platform, String provider, String field) {
    Account account = ProfileFixtures.signUp();
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("platform", platform, "provider", provider))
        .put("/v1/devices/{token}", token)
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo(field));
    assertThat(ProfileFixtures.deviceTokens(account)).isEmpty();
  }

  @Test
  void anFcmTokenOverTheLimitAndUnknownFieldsAreRefused() {
    Account account = ProfileFixtures.signUp();
    String longButFine = "a".repeat(1000) + ":APA91b" + "b".repeat(2000);
    ProfileFixtures.registerDevice(account, longButFine, "fcm");
    // over the limit: the request line itself is over monzie.http.max-uri-length (4096), a 414
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("platform", "android", "provider", "fcm"))
        .put("/v1/devices/{token}", "a".repeat(PushTokens.MAX_LENGTH + 1))
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(400, 414))
        .contentType(PROBLEM);
    assertThat(ProfileFixtures.deviceTokens(account)).containsExactly(longButFine);
    given()
        .auth()
        .oauth2(account.accessToken())
        .delete("/v1/devices/{token}", longButFine)
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("platform", "ios", "provider", "expo", "user_id", account.id()))
        .put("/v1/devices/{token}", ProfileFixtures.expoToken("x"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .put("/v1/devices/{token}", ProfileFixtures.expoToken("x"))
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    assertThat(ProfileFixtures.deviceTokens(account)).isEmpty();
  }

  @Test
  void devicesNeedAUserToken() {
    given().get("/v1/devices").then().statusCode(401).contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("platform", "ios", "provider", "expo"))
        .put("/v1/devices/{token}", ProfileFixtures.expoToken("x"))
        .then()
        .statusCode(401);
  }

  @Test
  void parallelRegistrationsKeepAtMostTheLimitOfDevices() {
    Account account = ProfileFixtures.signUp();
    List<Integer> statuses =
        Parallel.run(
            25,
            i ->
                given()
                    .auth()
                    .oauth2(account.accessToken())
                    .contentType(ContentType.JSON)
                    .body(Map.of("platform", "ios", "provider", "expo"))
                    .put("/v1/devices/{token}", ProfileFixtures.expoToken("p" + i))
                    .statusCode());
    assertThat(statuses).containsOnly(200);
    assertThat(ProfileFixtures.deviceTokens(account)).hasSize(10);
  }

  @Test
  void notificationsCanBeTurnedOffAndAreOnByDefault() {
    Account account = ProfileFixtures.signUp();
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .body("notifications_enabled", equalTo(true));
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("notifications_enabled", false))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(200)
        .body("notifications_enabled", equalTo(false));
    given()
        .auth()
        .oauth2(account.accessToken())
        .contentType(ContentType.JSON)
        .body(Map.of("notifications_enabled", "no"))
        .patch("/v1/profiles/me")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("field", equalTo("notifications_enabled"));
    given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me")
        .then()
        .body("notifications_enabled", equalTo(false));
  }

  @Test
  void deletingTheAccountDeletesItsDevices() {
    Account account = ProfileFixtures.signUp();
    String token = ProfileFixtures.expoToken("del");
    ProfileFixtures.registerDevice(account, token, "expo");
    given().auth().oauth2(account.accessToken()).delete("/v1/profiles/me").then().statusCode(204);
    long left =
        pool.preparedQuery("SELECT count(*) FROM devices WHERE token = $1")
            .execute(Tuple.of(token))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong(0);
    assertThat(left).isZero();
  }
}
