package ai.monzie.profile.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.platform.events.Topics;
import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.profile.ProfileFixtures.Account;
import ai.monzie.testing.ContractSchemas;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "profile")
class ExportTest {

  static final String PROBLEM = "application/problem+json";

  @Inject Pool pool;
  @Inject ObjectStore store;

  static Response request(Account account) {
    return given().auth().oauth2(account.accessToken()).post("/v1/profiles/me/export");
  }

  static String requestOk(Account account) {
    return request(account).then().statusCode(202).extract().jsonPath().getString("id");
  }

  static JsonPath status(Account account, String id) {
    return given()
        .auth()
        .oauth2(account.accessToken())
        .get("/v1/profiles/me/export/{id}", id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** A part written as another service would: its files in the store, then its event. */
  void writePart(String exportId, String userId, String service, Map<String, byte[]> files) {
    UUID export = UUID.fromString(exportId);
    long bytes = 0;
    for (var file : files.entrySet()) {
      store
          .put(
              ExportKeys.partFile(export, service, file.getKey()),
              file.getValue(),
              "application/octet-stream")
          .await()
          .indefinitely();
      bytes += file.getValue().length;
    }
    publishPart(exportId, userId, service, List.copyOf(files.keySet()), bytes);
  }

  static void publishPart(
      String exportId, String userId, String service, List<String> files, long bytes) {
    StringBuilder list = new StringBuilder();
    for (String f : files) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(f).append('"');
    }
    String json =
        """
        {"export_id":"%s","user_id":"%s","service":"%s","files":[%s],"bytes":%d}"""
            .formatted(exportId, userId, service, list, bytes);
    KafkaProbe.publish(Topics.USER_EXPORT_PART_READY, userId, UUID.randomUUID().toString(), json);
  }

  void writeOtherParts(String exportId, String userId, UUID image, byte[] png) {
    writePart(
        exportId,
        userId,
        "generation",
        Map.of(
            "images.json",
            ("[{\"id\":\"" + image + "\"}]").getBytes(StandardCharsets.UTF_8),
            "images/" + image + ".png",
            png,
            "favorites.json",
            "[]".getBytes(StandardCharsets.UTF_8),
            "usage.json",
            "[]".getBytes(StandardCharsets.UTF_8),
            "credits.json",
            "[]".getBytes(StandardCharsets.UTF_8),
            "uploads.json",
            "[]".getBytes(StandardCharsets.UTF_8)));
    writePart(
        exportId,
        userId,
        "analytics",
        Map.of("events.json", "[{\"name\":\"app_open\"}]".getBytes(StandardCharsets.UTF_8)));
    writePart(
        exportId,
        userId,
        "catalog",
        Map.of("catalog.json", "{\"personal_data\":false}".getBytes(StandardCharsets.UTF_8)));
  }

  JsonPath awaitStatus(Account account, String id, String wanted) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> status(account, id).getString("status").equals(wanted));
    return status(account, id);
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  /** The download URL's path and query, for this test's port (it is absolute on the gateway). */
  static String local(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath() + "?" + uri.getRawQuery();
  }

  @Test
  void requestPublishesTheEventAndProfileWritesItsOwnPart() {
    Account account = ProfileFixtures.signUp();
    Response response = request(account);
    response.then().statusCode(202);
    String id = response.jsonPath().getString("id");
    assertThat(response.jsonPath().getString("status")).isEqualTo("pending");

    var requested =
        KafkaProbe.readUntil(
            Topics.USER_EXPORT_REQUESTED,
            Duration.ofSeconds(30),
            events -> events.stream().anyMatch(e -> e.value().contains(id)));
    var event = requested.stream().filter(e -> e.value().contains(id)).findFirst().orElseThrow();
    assertThat(event.key()).isEqualTo(account.id());
    assertThat(ContractSchemas.validate(Topics.USER_EXPORT_REQUESTED, event.value())).isEmpty();

    var parts =
        KafkaProbe.readUntil(
            Topics.USER_EXPORT_PART_READY,
            Duration.ofSeconds(30),
            events -> events.stream().anyMatch(e -> e.value().contains(id)));
    var part = parts.stream().filter(e -> e.value().contains(id)).findFirst().orElseThrow();
    assertThat(ContractSchemas.validate(Topics.USER_EXPORT_PART_READY, part.value())).isEmpty();
    JsonPath partJson = JsonPath.from(part.value());
    assertThat(partJson.getString("service")).isEqualTo("profile");
    assertThat(partJson.getList("files", String.class))
        .containsExactlyInAnyOrder("profile.json", "subscriptions.json");
    String profileJson =
        new String(
            store
                .get(ExportKeys.partFile(UUID.fromString(id), "profile", "profile.json"))
                .await()
                .indefinitely()
                .orElseThrow()
                .bytes(),
            StandardCharsets.UTF_8);
    assertThat(profileJson).contains(account.email()).doesNotContain("password");

    JsonPath status = status(account, id);
    assertThat(status.getString("status")).isEqualTo("pending");
    assertThat(status.getString("download_url")).isNull();
  }

  @Test
  void parallelRequestsCreateExactlyOnePendingExport() {
    Account account = ProfileFixtures.signUp();
    List<Integer> codes = Parallel.run(12, i -> request(account).statusCode());
    assertThat(codes).filteredOn(c -> c == 202).hasSize(1);
    assertThat(codes).filteredOn(c -> c == 409).hasSize(11);
    request(account).then().statusCode(409).contentType(PROBLEM);
  }

  @Test
  void atMostThreeExportsInADayEvenUnderParallelRequests() {
    Account account = ProfileFixtures.signUp();
    UUID user = UUID.fromString(account.id());
    // two of today's exports already ended (failed), so one slot is left
    for (int i = 0; i < 2; i++) {
      pool.preparedQuery(
              "INSERT INTO data_exports (id, user_id, status, created_at) VALUES ($1, $2, 'failed',"
                  + " now() - interval '1 hour')")
          .execute(Tuple.of(UUID.randomUUID(), user))
          .await()
          .indefinitely();
    }
    List<Integer> codes = Parallel.run(12, i -> request(account).statusCode());
    assertThat(codes).filteredOn(c -> c == 202).hasSize(1);
    pool.preparedQuery("UPDATE data_exports SET status = 'failed' WHERE user_id = $1")
        .execute(Tuple.of(user))
        .await()
        .indefinitely();
    List<Response> later = Parallel.run(6, i -> request(account));
    for (Response r : later) {
      r.then().statusCode(429).contentType(PROBLEM);
      long retryAfter = Long.parseLong(r.header("Retry-After"));
      assertThat(retryAfter).isBetween(82_000L, 86_401L); // the oldest, an hour old, ages out
    }
    long rows =
        pool.preparedQuery("SELECT count(*) AS n FROM data_exports WHERE user_id = $1")
            .execute(Tuple.of(user))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong("n");
    assertThat(rows).isEqualTo(3);
  }

  @Test
  void anotherUsersExportIsNotFound() {
    Account owner = ProfileFixtures.signUp();
    Account other = ProfileFixtures.signUp();
    String id = requestOk(owner);
    given()
        .auth()
        .oauth2(other.accessToken())
        .get("/v1/profiles/me/export/{id}", id)
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given()
        .auth()
        .oauth2(other.accessToken())
        .get("/v1/profiles/me/export/{id}", "not-a-uuid")
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
    given().get("/v1/profiles/me/export/{id}", id).then().statusCode(401);
  }

  @Test
  void allFourPartsMakeOneArchiveThatDownloadsWithTheSignedLink() throws Exception {
    Account account = ProfileFixtures.signUp();
    String id = requestOk(account);
    UUID image = UUID.randomUUID();
    byte[] png = new byte[300_000];
    new java.util.Random(7).nextBytes(png);
    writeOtherParts(id, account.id(), image, png);

    JsonPath ready = awaitStatus(account, id, "ready");
    assertThat(ready.getString("ready_at")).isNotNull();
    assertThat(ready.getString("expires_at")).isNotNull();
    String url = ready.getString("download_url");
    assertThat(url).startsWith("http://localhost:8080/v1/profiles/me/export/" + id + "/archive?");

    Response download = given().urlEncodingEnabled(false).get(local(url));
    download.then().statusCode(200).contentType("application/zip");
    Map<String, byte[]> entries = unzip(download.asByteArray());
    assertThat(entries.keySet())
        .containsExactlyInAnyOrder(
            "profile.json",
            "subscriptions.json",
            "images.json",
            "images/" + image + ".png",
            "favorites.json",
            "usage.json",
            "credits.json",
            "uploads.json",
            "events.json",
            "catalog.json",
            "README.txt");
    assertThat(entries.get("images/" + image + ".png")).isEqualTo(png);
    assertThat(new String(entries.get("profile.json"), StandardCharsets.UTF_8))
        .contains(account.email());
    assertThat(new String(entries.get("README.txt"), StandardCharsets.UTF_8))
        .contains("events.json");

    // the parts are gone once in the archive; the "ready" mail is queued
    UUID export = UUID.fromString(id);
    assertThat(
            store
                .exists(ExportKeys.partFile(export, "generation", "images/" + image + ".png"))
                .await()
                .indefinitely())
        .isFalse();
    long mails =
        pool.preparedQuery(
                "SELECT count(*) AS n FROM mail_outbox WHERE lower(recipient) = lower($1)"
                    + " AND subject = 'Your MonzieAI data is ready'")
            .execute(Tuple.of(account.email()))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong("n");
    assertThat(mails).isEqualTo(1);
  }

  @Test
  void aTamperedOrForeignLinkDownloadsNothing() throws Exception {
    Account account = ProfileFixtures.signUp();
    String id = requestOk(account);
    writeOtherParts(id, account.id(), UUID.randomUUID(), new byte[] {1, 2, 3});
    String url = awaitStatus(account, id, "ready").getString("download_url");
    String path = local(url);
    String sig = path.substring(path.indexOf("sig=") + 4);
    String expires = path.substring(path.indexOf("expires=") + 8, path.indexOf("&"));

    // another signature, another expiry, another export's id: all refused
    given()
        .urlEncodingEnabled(false)
        .get(path.replace("sig=" + sig, "sig=" + sig.substring(1) + "A"))
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    given()
        .urlEncodingEnabled(false)
        .get(path.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 1)))
        .then()
        .statusCode(403);
    Account other = ProfileFixtures.signUp();
    String otherId = requestOk(other);
    given().urlEncodingEnabled(false).get(path.replace(id, otherId)).then().statusCode(403);
    // the link names an export id and nothing else: no object key can be put in its place
    given()
        .urlEncodingEnabled(false)
        .get(
            "/v1/profiles/me/export/users%2F"
                + account.id()
                + "%2Fimages/archive?expires="
                + expires
                + "&sig="
                + sig)
        .then()
        .statusCode(404);
    given()
        .urlEncodingEnabled(false)
        .get("/v1/profiles/me/export/" + id + "/archive?expires=soon&sig=" + sig)
        .then()
        .statusCode(403);
    // an expired link, even correctly signed, is refused (signed by the service's own key)
    ExportLinks links = io.quarkus.arc.Arc.container().instance(ExportLinks.class).get();
    String old = links.url(UUID.fromString(id), java.time.Instant.now().minusSeconds(5));
    given().urlEncodingEnabled(false).get(local(old)).then().statusCode(403);
  }

  @Test
  void aPartThatNeverArrivesFailsTheExportWithoutAnArchive() {
    Account account = ProfileFixtures.signUp();
    String id = requestOk(account);
    UUID export = UUID.fromString(id);
    writePart(
        id, account.id(), "catalog", Map.of("catalog.json", "{}".getBytes(StandardCharsets.UTF_8)));
    // the profile part comes from this service itself; wait until it and catalog's are in
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                pool.preparedQuery(
                            "SELECT count(*) AS n FROM data_export_parts WHERE export_id = $1")
                        .execute(Tuple.of(export))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong("n")
                    == 2);
    // the request is older than the part timeout (15 minutes)
    pool.preparedQuery(
            "UPDATE data_exports SET created_at = now() - interval '16 minutes' WHERE id = $1")
        .execute(Tuple.of(export))
        .await()
        .indefinitely();
    JsonPath failed = awaitStatus(account, id, "failed");
    assertThat(failed.getString("failure")).contains("analytics").contains("generation");
    assertThat(failed.getString("failure")).doesNotContain("catalog");
    assertThat(failed.getString("download_url")).isNull();
    assertThat(store.exists(ExportKeys.archive(export)).await().indefinitely()).isFalse();
    assertThat(
            store
                .exists(ExportKeys.partFile(export, "catalog", "catalog.json"))
                .await()
                .indefinitely())
        .isFalse();

    // a late part does not make a failed export ready
    writeOtherParts(id, account.id(), UUID.randomUUID(), new byte[] {1});
    KafkaProbe.readFor(Topics.USER_EXPORT_PART_READY, Duration.ofSeconds(3));
    assertThat(status(account, id).getString("status")).isEqualTo("failed");
    assertThat(store.exists(ExportKeys.archive(export)).await().indefinitely()).isFalse();
  }

  @Test
  void anExportPastItsRetentionIsExpiredAndItsArchiveDeleted() {
    Account account = ProfileFixtures.signUp();
    String id = requestOk(account);
    UUID export = UUID.fromString(id);
    writeOtherParts(id, account.id(), UUID.randomUUID(), new byte[] {9});
    String url = awaitStatus(account, id, "ready").getString("download_url");
    assertThat(store.exists(ExportKeys.archive(export)).await().indefinitely()).isTrue();
    pool.preparedQuery(
            "UPDATE data_exports SET expires_at = now() - interval '1 second' WHERE id = $1")
        .execute(Tuple.of(export))
        .await()
        .indefinitely();
    JsonPath expired = awaitStatus(account, id, "expired");
    assertThat(expired.getString("download_url")).isNull();
    assertThat(store.exists(ExportKeys.archive(export)).await().indefinitely()).isFalse();
    given().urlEncodingEnabled(false).get(local(url)).then().statusCode(404);
  }

  @Test
  void aCraftedFileNameInAPartIsRefusedAndNeverReachesTheArchive() {
    Account account = ProfileFixtures.signUp();
    String id = requestOk(account);
    UUID export = UUID.fromString(id);
    store
        .put(ExportKeys.partFile(export, "analytics", "events.json"), new byte[] {1}, "x/y")
        .await()
        .indefinitely();
    publishPart(id, account.id(), "analytics", List.of("events.json", "../../../etc/passwd"), 1);
    writePart(
        id, account.id(), "catalog", Map.of("catalog.json", "{}".getBytes(StandardCharsets.UTF_8)));
    // the crafted event went to the dead-letter topic; the export still waits for analytics
    KafkaProbe.readUntil(
        Topics.deadLetter(Topics.USER_EXPORT_PART_READY),
        Duration.ofSeconds(60),
        events -> events.stream().anyMatch(e -> e.value().contains(id)));
    assertThat(status(account, id).getString("status")).isEqualTo("pending");
    long analytics =
        pool.preparedQuery(
                "SELECT count(*) AS n FROM data_export_parts WHERE export_id = $1 AND service ="
                    + " 'analytics'")
            .execute(Tuple.of(export))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong("n");
    assertThat(analytics).isZero();
  }

  @Test
  void deletingTheAccountDeletesItsExportsAtOnce() {
    Account account = ProfileFixtures.signUp();
    String id = requestOk(account);
    UUID export = UUID.fromString(id);
    writeOtherParts(id, account.id(), UUID.randomUUID(), new byte[] {5});
    awaitStatus(account, id, "ready");
    assertThat(store.exists(ExportKeys.archive(export)).await().indefinitely()).isTrue();
    given().auth().oauth2(account.accessToken()).delete("/v1/profiles/me").then().statusCode(204);
    assertThat(store.exists(ExportKeys.archive(export)).await().indefinitely()).isFalse();
    long rows =
        pool.preparedQuery("SELECT count(*) AS n FROM data_exports WHERE id = $1")
            .execute(Tuple.of(export))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLong("n");
    assertThat(rows).isZero();
    // a part that lands after the deletion is deleted when its event arrives
    writePart(
        id,
        account.id(),
        "analytics",
        Map.of("events.json", "[]".getBytes(StandardCharsets.UTF_8)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !store
                    .exists(ExportKeys.partFile(export, "analytics", "events.json"))
                    .await()
                    .indefinitely());
  }
}
