package ai.monzie.generation.events;

import ai.monzie.generation.credits.CreditLedger;
import ai.monzie.generation.image.ImageRepository;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.quota.DailyQuota;
import ai.monzie.generation.snapshot.UserSnapshots;
import ai.monzie.generation.storage.ObjectKeys;
import ai.monzie.generation.upload.UploadRepository;
import ai.monzie.platform.auth.Revocations;
import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.inbox.EventBatches;
import ai.monzie.platform.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code user.deleted}: every image, file, job, usage row and snapshot of the user goes, and the
 * user's tokens are refused from then on (platform Revocations). In the event's transaction: the
 * revocation first (it locks out jobs finishing for that user right now), then the files
 * (idempotent), then the rows; if the transaction fails the batch is retried and deletes again. A
 * job finishing later sees the revocation (or finds its row gone), is discarded and removes the
 * files it wrote (JobOutcomes.succeed).
 */
@ApplicationScoped
public class UserDeletedConsumer {

  public static final String CHANNEL = "user-deleted";
  private static final Logger LOG = Logger.getLogger(UserDeletedConsumer.class);

  private final UploadRepository uploads;
  private final EventBatches batches;
  private final ObjectStore store;
  private final ImageRepository images;
  private final JobRepository jobs;
  private final DailyQuota quota;
  private final UserSnapshots snapshots;
  private final Revocations revocations;
  private final CreditLedger credits;

  UserDeletedConsumer(
      EventBatches batches,
      ObjectStore store,
      ImageRepository images,
      JobRepository jobs,
      DailyQuota quota,
      UserSnapshots snapshots,
      Revocations revocations,
      CreditLedger credits,
      UploadRepository uploads) {
    this.uploads = uploads;
    this.credits = credits;
    this.quota = quota;
    this.snapshots = snapshots;
    this.revocations = revocations;
    this.batches = batches;
    this.store = store;
    this.images = images;
    this.jobs = jobs;
  }

  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return Payloads.applyEach(batches, records, UserDeletedConsumer::user, this::forget);
  }

  private Uni<Void> forget(SqlConnection tx, UUID user) {
    return revocations
        .revokeSubject(tx, user)
        .flatMap(x -> store.deletePrefix(ObjectKeys.userPrefix(user)))
        .flatMap(
            files ->
                images
                    .deleteAllOf(tx, user)
                    .flatMap(
                        imageRows ->
                            jobs.deleteAllOf(tx, user)
                                .call(() -> quota.deleteAllOf(tx, user))
                                .call(() -> credits.deleteAllOf(tx, user)) // the credit ledger
                                .call(() -> snapshots.delete(tx, user))
                                .call(() -> uploads.deleteAllOf(tx, user))
                                .invoke(
                                    jobRows ->
                                        LOG.infof(
                                            "user %s forgotten: %d images, %d jobs, %d files",
                                            user, imageRows, jobRows, files))))
        .replaceWithVoid();
  }

  /** The fields of {@code user.deleted} this consumer reads. */
  record UserDeleted(UUID userId) {}

  private static UUID user(ReceivedEvent event) {
    UUID user = event.as(UserDeleted.class).userId();
    if (user == null) {
      throw new IllegalArgumentException("user.deleted without user_id");
    }
    return user;
  }
}
