package ai.monzie.generation.job;

/**
 * queued → running → succeeded | failed (a retry goes back to queued); queued or running →
 * cancelled by the user.
 */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** A job that can no longer change. */
  public boolean finished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static JobStatus of(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
