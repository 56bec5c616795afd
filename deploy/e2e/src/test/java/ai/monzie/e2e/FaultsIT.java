package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.monzie.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults an operator meets: a broker outage, a crashed worker, a database restart. */
class FaultsIT {

  @Test
  void kafkaDownForThirtySecondsLosesNothingAndCountsNothingTwice() throws Exception {
    String scene = Api.freeScene("fantasy");
    List<Api.User> users = List.of(Api.signUp(), Api.signUp(), Api.signUp());
    long usageBefore =
        Api.anyone().get("/v1/scenes/" + scene).then().extract().jsonPath().getLong("usage_count");
    Stack.get().stopComponent(LocalStack.KAFKA, false);
    List<Integer> statuses = new ArrayList<>();
    try {
      Instant end = Instant.now().plusSeconds(30);
      int i = 0;
      while (Instant.now().isBefore(end)) {
        statuses.add(Api.generate(users.get(i++ % users.size()), scene).statusCode());
        Thread.sleep(1000); // pacing the users' requests during the outage, not synchronisation
      }
    } finally {
      Stack.get().startComponent(LocalStack.KAFKA);
    }
    assertThat(statuses)
        .isNotEmpty()
        .allMatch(s -> s == 202 || s == 429, "accepted or a retryable refusal");
    long accepted = statuses.stream().filter(s -> s == 202).count();

    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              long stored = 0;
              for (Api.User u : users) {
                long images =
                    Api.sql(
                        "generation",
                        "SELECT count(*) FROM generated_images WHERE user_id = ?::uuid",
                        u.id());
                stored += images;
                assertThat(
                        Api.as(u)
                            .get("/v1/profiles/me")
                            .then()
                            .extract()
                            .jsonPath()
                            .getLong("generation_count"))
                    .as("generation_count")
                    .isEqualTo(images);
                assertThat(
                        Api.as(u)
                            .get("/v1/usage/today")
                            .then()
                            .extract()
                            .jsonPath()
                            .getLong("used"))
                    .as("usage")
                    .isEqualTo(images);
                assertThat(
                        Api.sql(
                            "analytics",
                            "SELECT count(*) FROM analytics_events WHERE event_name = 'image.generated'"
                                + " AND user_id = ?::uuid",
                            u.id()))
                    .as("analytics")
                    .isEqualTo(images);
              }
              assertThat(stored).isEqualTo(accepted);
              assertThat(
                      Api.anyone()
                          .get("/v1/scenes/" + scene)
                          .then()
                          .extract()
                          .jsonPath()
                          .getLong("usage_count"))
                  .as("usage_count")
                  .isEqualTo(usageBefore + stored);
            });
  }

  @Test
  void generationKilledWithJobsRunningFinishesEveryJobExactlyOnce() throws Exception {
    Api.User user = Api.signUp();
    String scene = Api.freeScene("vintage");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ids.add(Api.generate(user, scene).then().statusCode(202).extract().path("id"));
    }
    Stack.get().stopComponent("generation", true); // SIGKILL mid-burst
    Stack.get().startComponent("generation");
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            List.of("succeeded", "failed")
                                .contains(Api.generation(user, id).getString("status"))));
    long succeeded =
        ids.stream()
            .filter(id -> "succeeded".equals(Api.generation(user, id).getString("status")))
            .count();
    assertThat(
            Api.sql(
                "generation",
                "SELECT count(*) FROM generated_images WHERE user_id = ?::uuid",
                user.id()))
        .isEqualTo(succeeded);
    assertThat(
            Api.sql(
                "generation",
                "SELECT count(*) FROM (SELECT generation_id FROM generated_images"
                    + " WHERE user_id = ?::uuid GROUP BY 1 HAVING count(*) > 1) d",
                user.id()))
        .as("no job finished twice")
        .isZero();
    assertThat(Api.as(user).get("/v1/usage/today").then().extract().jsonPath().getLong("used"))
        .as("quota: failed jobs gave their unit back")
        .isEqualTo(succeeded);
  }

  @Test
  void postgresRestartIsReportedByReadinessAndRecoveredWithoutRestartingServices()
      throws Exception {
    HttpClient http = Http.CLIENT;
    String ready =
        "http://127.0.0.1:"
            + Stack.get().config().servicePorts().get("catalog")
            + "/q/health/ready";
    long catalogPid = Stack.get().pid("catalog").orElseThrow();
    Stack.get().stopComponent(LocalStack.POSTGRES, false);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  http.send(
                              HttpRequest.newBuilder(URI.create(ready)).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 503);
    } finally {
      Stack.get().startComponent(LocalStack.POSTGRES);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(URI.create(ready)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
    Api.signUp(); // profile writes again
    Api.anyone().get("/v1/scenes?limit=1").then().statusCode(200);
    assertThat(Stack.get().pid("catalog")).contains(catalogPid);
  }
}
