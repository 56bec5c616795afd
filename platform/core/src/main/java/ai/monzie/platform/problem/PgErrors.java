package ai.monzie.platform.problem;

import io.vertx.pgclient.PgException;

/** Reads PostgreSQL's SQLSTATE so that constraint violations become 400/409, never 500. */
public final class PgErrors {
  private PgErrors() {}

  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  public static final String CHECK_VIOLATION = "23514";

  public static boolean is(Throwable error, String sqlState) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PgException pg && sqlState.equals(pg.getSqlState())) {
        return true;
      }
    }
    return false;
  }

  /** The violated constraint's name, e.g. {@code scenes_name_key}, or null. */
  public static String constraint(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PgException pg) {
        return pg.getConstraint();
      }
    }
    return null;
  }
}
