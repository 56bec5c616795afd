package ai.monzie.analytics.partition;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.analytics.AnalyticsFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
