package ai.monzie.generation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test data through the real paths: scenes and users arrive as events on the real broker, the
 * service's consumers store them; generations go through the HTTP API.
 */
public final class GenerationFixtures {
  private GenerationFixtures() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static UUID user() {
    return UUID.randomUUID();
  }

  public static RequestSpecification as(UUID user) {
    return given().auth().oauth2(TestInfra.token("authenticated", user.toString()));
  }

  public static RequestSpecification jsonAs(UUID user) {
    return as(user).contentType(ContentType.JSON);
  }

  public static Pool pool() {
    return Arc.container().instance(Pool.class).get();
  }

  /** Publishes scene.changed and waits until the service holds that version. */
  public static UUID scene(Map<String, Object> overrides) {
    UUID id = UUID.randomUUID();
    Map<String, Object> scene = sceneJson(id, 1);
    scene.putAll(overrides);
    publishScene(scene);
    awaitSceneVersion(id, ((Number) scene.get("version")).longValue());
    return id;
  }

  public static UUID scene() {
    return scene(Map.of());
  }

  public static Map<String, Object> sceneJson(UUID id, long version) {
    Map<String, Object> scene = new HashMap<>();
    scene.put("id", id.toString());
    scene.put("name", "Scene " + id.toString().substring(0, 8));
    scene.put("description", "A test scene");
    scene.put("category", "portrait");
    scene.put("prompt_template", "A professional {gender} portrait, {style}");
    scene.put("negative_prompt", "blurry");
    scene.put("style_keywords", List.of("studio lighting", "85mm"));
    scene.put("is_active", true);
    scene.put("is_premium", false);
    scene.put("order_index", 1);
    scene.put("version", version);
    scene.put("updated_at", Instant.now().toString());
    return scene;
  }

  public static void publishScene(Map<String, Object> scene) {
    KafkaProbe.publish(
        Topics.SCENE_CHANGED, (String) scene.get("id"), UUID.randomUUID().toString(), json(scene));
  }

  public static void awaitSceneVersion(UUID id, long version) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sceneVersion(id) >= version);
  }

  public static long sceneVersion(UUID id) {
    Row row = one("SELECT version FROM scene_snapshots WHERE id = $1", Tuple.of(id));
    return row == null ? 0 : row.getLong(0);
  }

  /** Publishes profile.changed (premium or not, gender) and waits until it is applied. */
  public static void profile(UUID user, boolean premium, String gender, Instant expires, long v) {
    publishProfile(user, premium, gender, expires, v);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> profileVersion(user) >= v);
  }

  public static void publishProfile(
      UUID user, boolean premium, String gender, Instant expires, long version) {
    Map<String, Object> profile = new HashMap<>();
    profile.put("user_id", user.toString());
    profile.put("gender", gender);
    profile.put("is_premium", premium);
    profile.put("subscription_status", premium ? "active" : null);
    profile.put("subscription_expires_at", expires == null ? null : expires.toString());
    profile.put("version", version);
    profile.put("changed_at", Instant.now().toString());
    KafkaProbe.publish(
        Topics.PROFILE_CHANGED, user.toString(), UUID.randomUUID().toString(), json(profile));
  }

  /** Publishes user.deleted for the user (profile-service's event); returns its event id. */
  public static String publishUserDeleted(UUID user) {
    String eventId = UUID.randomUUID().toString();
    KafkaProbe.publish(
        Topics.USER_DELETED,
        user.toString(),
        eventId,
        json(Map.of("user_id", user.toString(), "deleted_at", Instant.now().toString())));
    return eventId;
  }

  public static long profileVersion(UUID user) {
    Row row = one("SELECT version FROM user_snapshots WHERE user_id = $1", Tuple.of(user));
    return row == null ? 0 : row.getLong(0);
  }

  public static Response requestGeneration(UUID user, UUID scene) {
    return jsonAs(user).body(Map.of("scene_id", scene.toString())).post("/v1/generations");
  }

  /** Requests a generation and waits until it has finished; returns GET /v1/generations/{id}. */
  public static io.restassured.path.json.JsonPath generate(UUID user, Map<String, Object> body) {
    String id =
        jsonAs(user).body(body).post("/v1/generations").then().statusCode(202).extract().path("id");
    return awaitFinished(user, id);
  }

  public static io.restassured.path.json.JsonPath awaitFinished(UUID user, String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              String status = as(user).get("/v1/generations/" + id).then().extract().path("status");
              return "succeeded".equals(status) || "failed".equals(status);
            });
    return as(user).get("/v1/generations/" + id).then().statusCode(200).extract().jsonPath();
  }

  /**
   * GET of a signed file URL. Responses carry the public (gateway) base URL; the test talks to the
   * service directly, with the URL's path and query as they are.
   */
  /**
   * Every page of a keyset-paged list of the user's ({@code GET path?limit=...}), following
   * next_cursor to the end; each page answered 200.
   */
  public static List<JsonPath> pages(UUID user, String path, int limit) {
    List<JsonPath> pages = new ArrayList<>();
    String cursor = null;
    do {
      if (pages.size() == 100) {
        throw new AssertionError(path + ": next_cursor never ends");
      }
      RequestSpecification request = as(user).queryParam("limit", limit);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
      pages.add(page);
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    return pages;
  }

  /** The items' ids of these pages, in order. */
  public static List<String> itemIds(List<JsonPath> pages) {
    return pages.stream().flatMap(page -> page.getList("items.id", String.class).stream()).toList();
  }

  public static Response file(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return given().urlEncodingEnabled(false).get(uri.getRawPath() + "?" + uri.getRawQuery());
  }

  public static Row one(String sql, Tuple args) {
    var rows = pool().preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10));
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  public static List<Row> all(String sql, Tuple args) {
    List<Row> list = new ArrayList<>();
    pool()
        .preparedQuery(sql)
        .execute(args)
        .await()
        .atMost(Duration.ofSeconds(10))
        .forEach(list::add);
    return list;
  }

  public static long count(String sql, Tuple args) {
    return one(sql, args).getLong(0);
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The events of a topic whose payload mentions the text (an id). */
  public static List<KafkaProbe.Event> events(String topic, String mentioning, int atLeast) {
    return KafkaProbe.readUntil(
            topic,
            Duration.ofSeconds(30),
            read -> read.stream().filter(e -> e.value().contains(mentioning)).count() >= atLeast)
        .stream()
        .filter(e -> e.value().contains(mentioning))
        .toList();
  }
}
