package ai.monzie.analytics.stats;

import static ai.monzie.platform.problem.ProblemException.invalid;

/**
 * The {@code days} parameter of the daily statistics: its name in this package's {@code
 * OpenAPIDefinition} (package-info), its bounds, and its one reading.
 */
final class StatsApi {
  private StatsApi() {}

  static final String DAYS = "days";
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 400;

  /** The {@code days} query value: absent is the default, else a whole number 1 to the maximum. */
  static int days(String text) {
    if (text == null) {
      return DEFAULT_DAYS;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_DAYS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw invalid(DAYS, "a whole number from 1 to " + MAX_DAYS);
  }
}
