package ai.monzie.generation.credits;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * GET /v1/usage: every source of generations the user has, and what is available now. {@code plan}
 * is null without an active plan; {@code daily} (the free allowance) is null with one, or when
 * unlimited.
 */
@Schema(
    name = "CreditUsage",
    description =
        "plan: null without an active plan; daily: the free allowance, null with an active plan"
            + " or unlimited")
public record CreditUsageView(
    @Schema(nullable = true) PlanUsage plan,
    @Schema(nullable = true) DailyUsage daily,
    @Schema(description = "Pack credits (spent after the plan or the daily allowance)")
        PackUsage packs,
    @Schema(description = "An unlimited plan (or premium): generations spend nothing")
        boolean unlimited,
    @Schema(nullable = true, description = "Generations available now; null when unlimited")
        Integer available) {

  /** The current plan period: its credits, how many are used, when it ends. */
  @Schema(name = "PlanUsage")
  public record PlanUsage(
      String key,
      @Schema(description = "Credits of this period (0 for an unlimited plan)") int credits,
      int used,
      @Schema(nullable = true) Instant periodEnd) {}

  /** Today's free allowance. */
  @Schema(name = "DailyUsage")
  public record DailyUsage(int used, int limit, Instant resetsAt) {}

  /** What is left of the packs bought. */
  @Schema(name = "PackUsage")
  public record PackUsage(int balance) {}
}
