package ai.monzie.analytics.partition;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.analytics.AnalyticsFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "analytics")
class PartitionMaintenanceTest {

  @Inject PartitionMaintenance maintenance;

  @Test
  void partitionsExistForThisMonthAndTheNextOnes() {
    YearMonth now = YearMonth.now(ZoneOffset.UTC);
    var names = maintenance.existing().await().indefinitely();
    for (int i = 0; i <= 3; i++) {
      assertThat(names).contains(PartitionMaintenance.name(now.plusMonths(i)));
    }
  }

  /**
   * Replicas starting together run the maintenance at once: one of them used to fail with "relation
   * already exists" and stop (the ScaleOutIT failure), since IF NOT EXISTS is checked before the
   * catalog insert, not under a lock.
   */
  @Test
  void replicasMaintainingAtOnceAllSucceed() {
    YearMonth now = YearMonth.now(ZoneOffset.UTC);
    for (int round = 0; round < 5; round++) {
      for (int i = 1; i <= 3; i++) {
        AnalyticsFixtures.execute(
            "DROP TABLE IF EXISTS " + PartitionMaintenance.name(now.plusMonths(i)));
      }
      List<Uni<List<String>>> replicas = new ArrayList<>();
      for (int r = 0; r < 4; r++) {
        replicas.add(maintenance.maintain(now));
      }
      // every replica must succeed: a failure here is what stopped a replica from starting
      Uni.join().all(replicas).andFailFast().await().atMost(Duration.ofSeconds(30));
      var names = maintenance.existing().await().indefinitely();
      for (int i = 0; i <= 3; i++) {
        assertThat(names).contains(PartitionMaintenance.name(now.plusMonths(i)));
      }
    }
  }

  @Test
  void retentionDropsAnOldPartitionAndKeepsTheRest() {
    YearMonth old = YearMonth.now(ZoneOffset.UTC).minusMonths(20);
    String name = PartitionMaintenance.name(old);
    AnalyticsFixtures.execute(
        "CREATE TABLE IF NOT EXISTS "
            + name
            + " PARTITION OF analytics_events FOR VALUES FROM ('"
            + old.atDay(1)
            + "') TO ('"
            + old.plusMonths(1).atDay(1)
            + "')");
    AnalyticsFixtures.execute(
        "INSERT INTO analytics_events (event_name, created_at) VALUES ('ancient', '"
            + old.atDay(2)
            + "')");
    var dropped = maintenance.maintain(YearMonth.now(ZoneOffset.UTC)).await().indefinitely();
    assertThat(dropped).contains(name);
    assertThat(maintenance.existing().await().indefinitely())
        .doesNotContain(name)
        .contains(PartitionMaintenance.name(YearMonth.now(ZoneOffset.UTC)));
    assertThat(
            AnalyticsFixtures.count(
                "SELECT count(*) FROM analytics_events WHERE event_name = 'ancient'"))
        .isZero();
  }
}
