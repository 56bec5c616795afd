package ai.monzie.analytics;

import ai.monzie.testing.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct SQL on the service's database, to check what the API stored. */
public final class AnalyticsFixtures {
  private AnalyticsFixtures() {}

  public static long count(String sql, Object... params) {
    var pg = TestInfra.get().postgres();
    try (Connection c =
            DriverManager.getConnection(pg.jdbcUrl("analytics"), pg.user(), pg.password());
        var st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      var rs = st.executeQuery();
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void execute(String sql) {
    var pg = TestInfra.get().postgres();
    try (Connection c =
            DriverManager.getConnection(pg.jdbcUrl("analytics"), pg.user(), pg.password());
        var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
