package ai.monzie.analytics.ingest;

import ai.monzie.analytics.AnalyticsConfig;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a whole batch before anything is written: a bad event fails the batch with a 400 naming
 * its index and field, so a bad batch stores nothing. The checks are the records' constraints
 * ({@link EventBatchBody}); they run here rather than on the resource's parameter so that a caller
 * is authenticated and rate-limited before its batch is looked at, and an oversized batch is 413
 * before its events are checked.
 */
@ApplicationScoped
public class BatchValidator {

  private final AnalyticsConfig config;
  private final Validator constraints;

  BatchValidator(AnalyticsConfig config, Validator constraints) {
    this.config = config;
    this.constraints = constraints;
  }

  /** The user id comes from the token only; a {@code user_id} in the body is ignored. */
  public List<AppEvent> validate(EventBatchBody body, UUID userId) {
    int size = body == null || body.events() == null ? 0 : body.events().size();
    if (size > config.maxBatchSize()) {
      throw new ProblemException(
          ProblemType.PAYLOAD_TOO_LARGE,
          "At most " + config.maxBatchSize() + " events per batch; this one has " + size + ".",
          Map.of("max_batch_size", config.maxBatchSize()));
    }
    if (body == null) {
      throw ProblemException.invalid("events", "send {\"events\": [ ... ]}");
    }
    Set<ConstraintViolation<EventBatchBody>> violations = constraints.validate(body);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    OffsetDateTime now = OffsetDateTime.now();
    List<AppEvent> valid = new ArrayList<>(body.events().size());
    for (EventBatchBody.Event e : body.events()) {
      valid.add(
          new AppEvent(
              userId,
              e.eventName(),
              AppEvent.json(e.eventProperties()),
              e.platform(),
              e.appVersion(),
              AppEvent.json(e.deviceInfo()),
              e.sessionId(),
              "app",
              null,
              e.occurredAt() == null ? now : e.occurredAt()));
    }
    return valid;
  }
}
