package ai.monzie.generation.credits;

/** Where a spend was taken from; the daily allowance lives in usage_tracking, not here. */
public enum Bucket {
  PLAN,
  PACK;

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
