package ai.monzie.generation.quota;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.time.Instant;
import java.util.Map;

/**
 * The user's daily limit is reached: 429 with {@code used}, {@code limit} and {@code resets_at}.
 */
public class QuotaExceeded extends ProblemException {
  public static final ProblemType TYPE =
      new ProblemType("daily-limit-reached", "Daily generation limit reached", 429);

  public QuotaExceeded(int used, int limit, Instant resetsAt, long retryAfterSeconds) {
    super(
        TYPE,
        "You have used "
            + used
            + " of "
            + limit
            + " generations today. The limit resets at "
            + resetsAt
            + "; premium has no daily limit.",
        Map.of(
            "used",
            used,
            "limit",
            limit,
            "resets_at",
            resetsAt.toString(),
            "retry_after",
            retryAfterSeconds));
  }
}
