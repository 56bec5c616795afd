package ai.monzie.generation.credits;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A row of {@code credit_entitlements}: the user's plan as the newest entitlement.changed said. */
record Entitlement(
    String planKey,
    boolean unlimited,
    int credits,
    Instant periodStart,
    Instant periodEnd,
    String sourceEventId,
    Instant changedAt) {

  static final String COLUMNS =
      "plan_key, unlimited, credits, period_start, period_end, source_event_id, changed_at";

  /** A plan (credits or unlimited) whose period has not ended: the daily allowance is off. */
  boolean activeAt(Instant now) {
    return planKey != null && (periodEnd == null || periodEnd.isAfter(now));
  }

  /** Whether the other one is the same plan period (a cancellation, a repeated notice). */
  boolean samePeriodAs(Entitlement other) {
    return other != null
        && Objects.equals(planKey, other.planKey)
        && Objects.equals(periodStart, other.periodStart)
        && unlimited == other.unlimited;
  }

  static Entitlement from(Row row) {
    return new Entitlement(
        row.getString("plan_key"),
        row.getBoolean("unlimited"),
        row.getInteger("credits"),
        instant(row.getOffsetDateTime("period_start")),
        instant(row.getOffsetDateTime("period_end")),
        row.getString("source_event_id"),
        instant(row.getOffsetDateTime("changed_at")));
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
