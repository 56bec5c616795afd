package ai.monzie.generation.job;

/** queued → running → succeeded | failed (a retry goes back to queued). */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED;

  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static JobStatus of(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
