package ai.monzie.generation.credits;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.Map;

/**
 * A user with a plan or packs has no credit left: 402 with {@code available: 0} and where to buy
 * more ({@code plans_url}). A free user who never bought credits gets the daily limit's 429.
 */
public class CreditsExhausted extends ProblemException {
  public static final ProblemType TYPE =
      new ProblemType("credits-exhausted", "No credits left", 402);

  public CreditsExhausted(String plansUrl) {
    super(
        TYPE,
        "You have no credits left. Renew your plan or buy a credit pack: " + plansUrl,
        Map.of("available", 0, "plans_url", plansUrl));
  }
}
