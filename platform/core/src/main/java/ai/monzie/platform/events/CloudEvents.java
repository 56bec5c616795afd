package ai.monzie.platform.events;

/** The CloudEvents 1.0 attributes as Kafka headers (binary content mode), DESIGN.md §3. */
public final class CloudEvents {
  private CloudEvents() {}

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String CONTENT_TYPE = "content-type";
  public static final String TRACEPARENT = "traceparent";

  /** Dead letters carry the failure next to the original headers. */
  public static final String DLQ_ERROR = "dlq_error";

  public static final String DLQ_ORIGINAL_TOPIC = "dlq_original_topic";
}
