package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.testing.Parallel;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What a mobile app does, through the gateway only. */
class UserJourneyIT {

  @Test
  void signUpBrowseUploadGenerateWatchFindFavoriteAndEveryCounterFollows() throws Exception {
    Api.User user = Api.signUp();
    assertThat(
            Api.anyone()
                .get("/v1/categories")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .isNotEmpty();
    String scene = Api.freeScene("portrait");
    String sceneName =
        Api.anyone().get("/v1/scenes/" + scene).then().statusCode(200).extract().path("name");
    long usageBefore =
        Api.anyone().get("/v1/scenes/" + scene).then().extract().jsonPath().getLong("usage_count");

    // a photo of the user
    java.awt.image.BufferedImage photo =
        new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var bytes = new java.io.ByteArrayOutputStream();
    ImageIO.write(photo, "png", bytes);
    String photoUrl =
        Api.as(user)
            .multiPart("file", "me.png", bytes.toByteArray(), "image/png")
            .multiPart("purpose", "photo")
            .post("/v1/uploads")
            .then()
            .statusCode(201)
            .extract()
            .path("url");

    // the live status stream, as the app's generation screen opens it
    StatusStream stream = StatusStream.open(Api.url(), user.token());
    assertThat(stream.status()).isEqualTo(200);

    String id =
        Api.as(user)
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
            .body(Map.of("scene_id", scene, "original_photo_url", photoUrl))
            .post("/v1/generations")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    List<String> streamed = stream.awaitEnd(Duration.ofSeconds(60)).lines();
    assertThat(streamed).anyMatch(l -> l.matches("event:\\s*queued"));
    assertThat(streamed).anyMatch(l -> l.matches("event:\\s*succeeded"));
    assertThat(Api.generation(user, id).getString("status")).isEqualTo("succeeded");

    JsonPath history =
        Api.as(user).get("/v1/images?limit=10").then().statusCode(200).extract().jsonPath();
    assertThat(history.getString("items[0].scene_name")).isEqualTo(sceneName);
    String image = history.getString("items[0].id");
    String file = history.getString("items[0].image_url");
    Api.anyone()
        .urlEncodingEnabled(false)
        .get(file.replace(Api.url(), ""))
        .then()
        .statusCode(200)
        .contentType("image/png");
    Api.as(user)
        .contentType(ContentType.JSON)
        .body(Map.of("is_favorite", true))
        .patch("/v1/images/" + image)
        .then()
        .statusCode(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              JsonPath profile =
                  Api.as(user).get("/v1/profiles/me").then().statusCode(200).extract().jsonPath();
              assertThat(profile.getInt("generation_count")).isEqualTo(1);
              assertThat(profile.getInt("favorite_count")).isEqualTo(1);
              assertThat(
                      Api.anyone()
                          .get("/v1/scenes/" + scene)
                          .then()
                          .extract()
                          .jsonPath()
                          .getLong("usage_count"))
                  .isEqualTo(usageBefore + 1);
              assertThat(
                      Api.as(user)
                          .get("/v1/usage/today")
                          .then()
                          .extract()
                          .jsonPath()
                          .getInt("used"))
                  .isEqualTo(1);
              assertThat(
                      Api.sql(
                          "analytics",
                          "SELECT count(*) FROM analytics_events WHERE event_name = 'image.generated'"
                              + " AND user_id = ?::uuid",
                          user.id()))
                  .isEqualTo(1);
            });
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    List<Map<String, Object>> daily =
        Api.operator()
            .get("/v1/stats/generations/daily?days=1")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    assertThat(daily)
        .anySatisfy(
            d -> {
              assertThat(d.get("date")).isEqualTo(today);
              assertThat(((Number) d.get("total_generations")).intValue()).isPositive();
            });
  }

  @Test
  void aFreeUserHitsTheLimitExactlyAPurchaseLiftsItAndExpiryRestoresIt() throws Exception {
    Api.User user = Api.signUp();
    String scene = Api.freeScene("outdoor");
    List<Integer> statuses = Parallel.run(14, i -> Api.generate(user, scene).statusCode());
    assertThat(statuses).filteredOn(s -> s == 202).hasSize(10);
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(4);
    Api.revenueCat("INITIAL_PURCHASE", user.id(), System.currentTimeMillis() + 86_400_000L);
    // profile.changed reaches generation's snapshot, and then the next request is accepted. Waiting
    // on a 202 instead would also end early when one of the ten free jobs failed and its unit went
    // back (a render timing out on a loaded machine), with the snapshot still free.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Api.as(user)
                    .get("/v1/usage/today")
                    .then()
                    .extract()
                    .jsonPath()
                    .getBoolean("is_premium"));
    Api.generate(user, scene).then().statusCode(202);

    Api.revenueCat("EXPIRATION", user.id(), System.currentTimeMillis());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Api.generate(user, scene).statusCode() == 429);
  }

  @Test
  void deletingTheAccountRemovesTheUserEverywhere() throws Exception {
    Api.User user = Api.signUp();
    String id =
        Api.generate(user, Api.freeScene("business")).then().statusCode(202).extract().path("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "succeeded".equals(Api.generation(user, id).getString("status")));
    String file =
        Api.as(user).get("/v1/images").then().extract().jsonPath().getString("items[0].image_url");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Api.sql(
                        "analytics",
                        "SELECT count(*) FROM analytics_events WHERE user_id = ?::uuid",
                        user.id())
                    > 0);

    Api.as(user).delete("/v1/profiles/me").then().statusCode(204);
    Api.anyone()
        .contentType(ContentType.JSON)
        .body(Map.of("grant_type", "password", "email", user.email(), "password", "e2e password 1"))
        .post("/v1/auth/token")
        .then()
        .statusCode(401);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(
                      Api.anyone()
                          .urlEncodingEnabled(false)
                          .get(file.replace(Api.url(), ""))
                          .statusCode())
                  .isEqualTo(404);
              assertThat(
                      Api.sql(
                          "generation",
                          "SELECT count(*) FROM generated_images WHERE user_id = ?::uuid",
                          user.id()))
                  .isZero();
              assertThat(
                      Api.sql(
                          "analytics",
                          "SELECT count(*) FROM analytics_events WHERE user_id = ?::uuid",
                          user.id()))
                  .isZero();
            });
  }

  @Test
  void anOperatorsNewSceneBecomesGeneratableAndADeactivatedOneStops() {
    String scene =
        Api.operator()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    "E2E Aurora " + java.util.UUID.randomUUID(),
                    "category",
                    "travel",
                    "prompt_template",
                    "A {gender} under the northern lights, {style}",
                    "style_keywords",
                    List.of("aurora")))
            .post("/v1/scenes")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Api.User user = Api.signUp();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Api.generate(user, scene).statusCode() == 202);
    Api.operator().delete("/v1/scenes/" + scene).then().statusCode(204);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Api.generate(user, scene).statusCode() == 404);
  }
}
