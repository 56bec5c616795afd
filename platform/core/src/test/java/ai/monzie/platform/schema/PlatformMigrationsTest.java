package ai.monzie.platform.schema;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.infra.PostgresServer;
import ai.monzie.testing.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The platform's tables come from {@code db/platform} (repeatable, idempotent migrations), while
 * the services' released V1 migrations still create them too. Both orders must work: a database
 * migrated before {@code db/platform} existed, and a new one.
 */
class PlatformMigrationsTest {

  private static final String LEGACY_V1 = "classpath:db/legacy";
  private static final String[] PLATFORM = {
    "classpath:db/platform/outbox", "classpath:db/platform/inbox"
  };

  @Test
  void aDatabaseMigratedWithTheOldV1TakesThePlatformLocationWithoutError() throws SQLException {
    String database = newDatabase();
    // released service: its V1 created outbox and processed_events itself
    flyway(database, LEGACY_V1).migrate();
    insertOutboxRow(database);

    MigrateResult upgraded = flyway(database, LEGACY_V1, PLATFORM[0], PLATFORM[1]).migrate();

    assertThat(upgraded.migrationsExecuted).isEqualTo(2); // the two repeatables, nothing else
    assertThat(count(database, "SELECT count(*) FROM outbox")).isEqualTo(1); // rows kept
    flyway(database, LEGACY_V1, PLATFORM[0], PLATFORM[1]).validate();
  }

  @Test
  void aNewDatabaseGetsThePlatformTablesFromThePlatformLocationAlone() throws SQLException {
    String database = newDatabase();

    flyway(database, PLATFORM).migrate();

    insertOutboxRow(database);
    assertThat(
            count(
                database,
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_processed_events_at'"))
        .isEqualTo(1);
  }

  @Test
  void migratingAgainChangesNothing() {
    String database = newDatabase();
    flyway(database, LEGACY_V1, PLATFORM[0], PLATFORM[1]).migrate();

    assertThat(flyway(database, LEGACY_V1, PLATFORM[0], PLATFORM[1]).migrate().migrationsExecuted)
        .isZero();
  }

  private static String newDatabase() {
    String name = "platform_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    TestInfra.get().postgres().createDatabase(name);
    return name;
  }

  private static Flyway flyway(String database, String... locations) {
    PostgresServer pg = TestInfra.get().postgres();
    return Flyway.configure()
        .dataSource(pg.jdbcUrl(database), pg.user(), pg.password())
        .locations(locations)
        .load();
  }

  private static void insertOutboxRow(String database) throws SQLException {
    PostgresServer pg = TestInfra.get().postgres();
    try (Connection c =
            DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
        var st = c.createStatement()) {
      st.execute(
          "INSERT INTO outbox (event_id, topic, event_key, payload) VALUES ('"
              + UUID.randomUUID()
              + "', 't', 'k', '{}')");
    }
  }

  private static long count(String database, String sql) throws SQLException {
    PostgresServer pg = TestInfra.get().postgres();
    try (Connection c =
            DriverManager.getConnection(pg.jdbcUrl(database), pg.user(), pg.password());
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
