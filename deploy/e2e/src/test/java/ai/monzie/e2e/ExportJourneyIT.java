package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * "Download my data" across the four services (issue 14): the archive a user downloads through the
 * gateway holds their profile, their images (the files), their app events and catalog's note.
 */
class ExportJourneyIT {

  @Test
  void aUsersArchiveHoldsTheirProfileImagesAndEvents() throws Exception {
    Api.User user = Api.signUp();
    String scene = Api.freeScene("portrait");
    List<String> generations = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      generations.add(Api.generate(user, scene).then().statusCode(202).extract().path("id"));
    }
    for (String id : generations) {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> "succeeded".equals(Api.generation(user, id).getString("status")));
    }
    List<String> imageIds =
        Api.as(user)
            .get("/v1/images?limit=10")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", String.class);
    assertThat(imageIds).hasSize(2);

    String eventName = "export_e2e_" + UUID.randomUUID().toString().substring(0, 8);
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(Map.of("event_name", eventName, "platform", "ios"));
    }
    Api.as(user)
        .contentType(ContentType.JSON)
        .body(Map.of("events", events))
        .post("/v1/events")
        .then()
        .statusCode(202);

    String export =
        Api.as(user).post("/v1/profiles/me/export").then().statusCode(202).extract().path("id");
    Api.as(user).post("/v1/profiles/me/export").then().statusCode(409);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> !"pending".equals(status(user, export).getString("status")));
    JsonPath ready = status(user, export);
    assertThat(ready.getString("status")).as(ready.prettify()).isEqualTo("ready");
    String url = ready.getString("download_url");
    assertThat(url).startsWith(Api.url());

    byte[] zip =
        Api.anyone()
            .urlEncodingEnabled(false)
            .get(url.replace(Api.url(), ""))
            .then()
            .statusCode(200)
            .contentType("application/zip")
            .extract()
            .asByteArray();
    Map<String, byte[]> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    assertThat(entries)
        .containsKeys(
            "profile.json",
            "subscriptions.json",
            "images.json",
            "favorites.json",
            "usage.json",
            "credits.json",
            "uploads.json",
            "events.json",
            "catalog.json",
            "README.txt");
    for (String image : imageIds) {
      byte[] png = entries.get("images/" + image + ".png");
      assertThat(png).as(image).isNotNull();
      assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
    assertThat(entries.keySet().stream().filter(n -> n.startsWith("images/"))).hasSize(2);
    assertThat(JsonPath.from(text(entries, "images.json")).getList("id", String.class))
        .containsExactlyInAnyOrderElementsOf(imageIds);
    assertThat(JsonPath.from(text(entries, "profile.json")).getString("email"))
        .isEqualToIgnoringCase(user.email());
    assertThat(JsonPath.from(text(entries, "events.json")).getList("event_name", String.class))
        .filteredOn(eventName::equals)
        .hasSize(3);
    assertThat(JsonPath.from(text(entries, "catalog.json")).getBoolean("personal_data")).isFalse();
  }

  private static JsonPath status(Api.User user, String export) {
    return Api.as(user)
        .get("/v1/profiles/me/export/" + export)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String text(Map<String, byte[]> entries, String name) {
    return new String(entries.get(name), StandardCharsets.UTF_8);
  }
}
