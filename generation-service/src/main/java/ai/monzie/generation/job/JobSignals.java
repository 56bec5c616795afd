package ai.monzie.generation.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * PostgreSQL LISTEN/NOTIFY between instances. {@code pg_notify} runs inside the transaction that
 * changes a job, so the signal is sent exactly when the change commits. One listening connection
 * per instance wakes its workers ({@value #JOBS}) and feeds its status streams ({@value #STATUS}):
 * a stream sees a change made by any instance.
 */
@ApplicationScoped
public class JobSignals {

  private static final Logger LOG = Logger.getLogger(JobSignals.class);
  static final String JOBS = "monzie_generation_jobs";
  static final String STATUS = "monzie_generation_status";
  static final String CANCEL = "monzie_generation_cancel";

  private final ObjectMapper json;
  private final Vertx vertx;
  private final PgConnectOptions options;
  private final BroadcastProcessor<StatusChange> changes = BroadcastProcessor.create();
  private final List<Runnable> jobListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<UUID>> cancelListeners = new CopyOnWriteArrayList<>();
  private PgSubscriber subscriber;

  JobSignals(
      ObjectMapper json,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.json = json;
    this.vertx = vertx;
    this.options =
        PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
            .setUser(user)
            .setPassword(password);
  }

  void start(@Observes StartupEvent event) {
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 500L);
    subscriber.channel(JOBS).handler(payload -> jobListeners.forEach(Runnable::run));
    subscriber.channel(STATUS).handler(this::statusChanged);
    subscriber.channel(CANCEL).handler(this::cancelled);
    subscriber
        .connect()
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .indefinitely()
        .subscribe()
        .with(ok -> LOG.debug("listening for job signals"), e -> LOG.error("LISTEN failed", e));
  }

  void stop(@Observes ShutdownEvent event) {
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
  }

  /** Runs the callback whenever a job is queued anywhere (workers wake up at once). */
  public void onJobQueued(Runnable callback) {
    jobListeners.add(callback);
  }

  /** Runs the callback with the id of a running job that was cancelled (on any instance). */
  public void onCancelled(Consumer<UUID> callback) {
    cancelListeners.add(callback);
  }

  /** In the cancel's transaction: the instance running the job stops it at the provider. */
  public Uni<Void> jobCancelled(SqlConnection tx, Job job) {
    return tx.preparedQuery("SELECT pg_notify($1, $2)")
        .execute(Tuple.of(CANCEL, job.id().toString()))
        .replaceWithVoid();
  }

  /** Every status change of every user, as this instance hears them. */
  public Multi<StatusChange> statusChanges() {
    return changes;
  }

  /** In the job's transaction: tells the workers of every instance that a job is waiting. */
  public Uni<Void> jobQueued(SqlConnection tx, String provider) {
    return tx.preparedQuery("SELECT pg_notify($1, $2)")
        .execute(Tuple.of(JOBS, provider))
        .replaceWithVoid();
  }

  /** In the transaction that changes the job's status: tells every instance's status streams. */
  public Uni<Void> statusChanged(
      SqlConnection tx, Job job, JobStatus status, UUID imageId, String error) {
    return statusChanged(
        tx, new StatusChange(job.id(), job.userId(), status.value(), imageId, error));
  }

  private Uni<Void> statusChanged(SqlConnection tx, StatusChange change) {
    String error = change.error();
    StatusChange small =
        error != null && error.length() > 500
            ? new StatusChange(
                change.id(),
                change.userId(),
                change.status(),
                change.imageId(),
                error.substring(0, 500))
            : change;
    try {
      return tx.preparedQuery("SELECT pg_notify($1, $2)")
          .execute(Tuple.of(STATUS, json.writeValueAsString(small)))
          .replaceWithVoid();
    } catch (JsonProcessingException e) {
      return Uni.createFrom().failure(e);
    }
  }

  private void cancelled(String payload) {
    try {
      UUID id = UUID.fromString(payload);
      cancelListeners.forEach(listener -> listener.accept(id));
    } catch (RuntimeException e) {
      LOG.warnf("ignored an unreadable cancel signal: %s", e.getMessage());
    }
  }

  private void statusChanged(String payload) {
    try {
      changes.onNext(json.readValue(payload, StatusChange.class));
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warnf("ignored an unreadable status signal: %s", e.getMessage());
    }
  }
}
