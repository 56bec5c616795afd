package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A consumer killed with SIGKILL in the middle of a burst still counts every event once. */
class ConsumerCrashIT {

  @Test
  void catalogKilledMidBurstStillCountsEveryImageExactlyOnce() throws Exception {
    String scene = Api.createScene("E2E Crash " + UUID.randomUUID());
    int burst = 3000;
    List<Events.Event> events = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      events.add(Events.imageGenerated(UUID.randomUUID().toString(), scene));
    }
    Events.publish(events);
    // kill once some, but not all, of the burst has been applied
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> usage(scene) > 0);
    Stack.get().stopComponent("catalog", true);
    long atKill = usageInDatabase(scene);
    Stack.get().startComponent("catalog");

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> usage(scene) >= burst);
    assertThat(usage(scene)).isEqualTo(burst);
    System.out.println("[e2e] usage at SIGKILL: " + atKill + " of " + burst);
  }

  static long usage(String scene) {
    return Api.anyone()
        .get("/v1/scenes/" + scene)
        .then()
        .extract()
        .jsonPath()
        .getLong("usage_count");
  }

  static long usageInDatabase(String scene) throws Exception {
    var config = Stack.get().config();
    try (var c =
            java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/catalog",
                "postgres",
                "postgres");
        var st = c.prepareStatement("SELECT usage_count FROM scenes WHERE id = ?::uuid")) {
      st.setString(1, scene);
      var rs = st.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }
}
