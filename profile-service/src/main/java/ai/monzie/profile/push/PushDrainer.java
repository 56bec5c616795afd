package ai.monzie.profile.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Sends the queued pushes, apart from event consumption: each drain takes the due rows with {@code
 * FOR UPDATE SKIP LOCKED} under a lease (instances never send the same row; a crashed drainer's
 * rows come back after the lease), sends Expo's in batches of 100 and FCM's one by one, and records
 * each outcome: sent, device forgotten (unregistered), retried later with exponential backoff, or
 * given up after {@code monzie.push.max-attempts}. Then it reads Expo's due receipts. Delivery is
 * at least once: a crash between the provider's answer and the update resends.
 */
@ApplicationScoped
public class PushDrainer {

  private static final Logger LOG = Logger.getLogger(PushDrainer.class);
  private static final int RECEIPTS_PER_REQUEST = 300; // Expo's documented limit is 1000 ids

  private final Pool pool;
  private final PushRepository pushes;
  private final PushConfig config;
  private final ExpoPush expo;
  private final FcmPush fcm;
  private final MeterRegistry metrics;

  PushDrainer(
      Pool pool,
      PushRepository pushes,
      PushConfig config,
      ExpoPush expo,
      FcmPush fcm,
      MeterRegistry metrics) {
    this.pool = pool;
    this.pushes = pushes;
    this.config = config;
    this.expo = expo;
    this.fcm = fcm;
    this.metrics = metrics;
  }

  @Scheduled(
      every = "${monzie.push.drain-interval}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> scheduled() {
    if (!config.enabled()) {
      return Uni.createFrom().voidItem();
    }
    return drain()
        .call(this::readReceipts)
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("push drain failed (%s); the next drain tries again", e.toString());
              return null;
            });
  }

  /** One drain; returns the number of pushes taken. */
  public Uni<Integer> drain() {
    String[] providers =
        fcm.configured()
            ? new String[] {ExpoPush.PROVIDER, FcmPush.PROVIDER}
            : new String[] {ExpoPush.PROVIDER}; // FCM's wait for a service account
    return pushes
        .claim(pool, providers, config.batchSize(), config.lease())
        .flatMap(batch -> send(batch).replaceWith(batch.size()));
  }

  private Uni<Void> send(List<Push> batch) {
    List<Long> gone = new ArrayList<>();
    List<Push> toExpo = new ArrayList<>();
    List<Push> toFcm = new ArrayList<>();
    for (Push push : batch) {
      if (!push.deviceStillTheirs()) {
        gone.add(push.id()); // unregistered or moved to another user since it was queued
      } else if (ExpoPush.PROVIDER.equals(push.provider())) {
        toExpo.add(push);
      } else {
        toFcm.add(push);
      }
    }
    Uni<Void> expoSent =
        Multi.createFrom()
            .iterable(chunks(toExpo, ExpoPush.MAX_BATCH))
            .onItem()
            .transformToUniAndConcatenate(
                chunk -> expo.send(chunk).flatMap(outcomes -> recordAll(chunk, outcomes)))
            .collect()
            .last()
            .replaceWithVoid();
    Uni<Void> fcmSent =
        toFcm.isEmpty()
            ? Uni.createFrom().voidItem()
            : fcm.accessToken()
                .flatMap(
                    token ->
                        Multi.createFrom()
                            .iterable(toFcm)
                            .onItem()
                            .transformToUni(
                                push -> fcm.send(push, token).flatMap(o -> record(push, o)))
                            .merge(8)
                            .collect()
                            .last()
                            .replaceWithVoid())
                .onFailure()
                .recoverWithUni(
                    e -> { // no access token (the token endpoint is down): all of them later
                      String reason = "oauth2: " + PushHttp.describe(e);
                      return recordAll(
                          toFcm,
                          toFcm.stream()
                              .map(p -> (PushOutcome) new PushOutcome.Retry(reason))
                              .toList());
                    });
    return pushes
        .setState(pool, gone, "dropped", "device unregistered")
        .call(() -> expoSent)
        .call(() -> fcmSent);
  }

  private Uni<Void> recordAll(List<Push> chunk, List<PushOutcome> outcomes) {
    Uni<Void> all = Uni.createFrom().voidItem();
    for (int i = 0; i < chunk.size(); i++) {
      Push push = chunk.get(i);
      PushOutcome outcome = outcomes.get(i);
      all = all.call(() -> record(push, outcome));
    }
    return all;
  }

  private Uni<Void> record(Push push, PushOutcome outcome) {
    if (outcome instanceof PushOutcome.Sent sent) {
      count("monzie.push.sent", push);
      Uni<Void> marked = pushes.markSent(pool, List.of(push.id()));
      return sent.ticketId() == null
          ? marked
          : marked.call(
              () -> pushes.awaitReceipt(pool, sent.ticketId(), push, config.expo().receiptDelay()));
    }
    if (outcome instanceof PushOutcome.Unregistered gone) {
      count("monzie.push.unregistered", push);
      return pushes
          .forgetDevice(pool, push.token(), push.userId())
          .call(() -> pushes.setState(pool, List.of(push.id()), "dropped", gone.reason()));
    }
    if (outcome instanceof PushOutcome.Retry retry) {
      if (push.attempts() >= config.maxAttempts()) {
        return giveUp(push, "attempts", retry.reason());
      }
      count("monzie.push.retried", push);
      return pushes.retryAfter(pool, push.id(), backoff(push.attempts()), retry.reason());
    }
    return giveUp(push, "rejected", ((PushOutcome.Rejected) outcome).reason());
  }

  private Uni<Void> giveUp(Push push, String why, String reason) {
    metrics.counter("monzie.push.given-up", "provider", push.provider(), "why", why).increment();
    LOG.warnf(
        "push %d to a %s device given up after %d attempt(s): %s",
        push.id(), push.provider(), push.attempts(), reason);
    return pushes.setState(pool, List.of(push.id()), "failed", reason);
  }

  /** Wait after the n-th failed attempt: retry-initial × 2^(n-1), at most retry-max. */
  Duration backoff(int attempts) {
    Duration wait = config.retryInitial().multipliedBy(1L << Math.min(attempts - 1, 30));
    return wait.compareTo(config.retryMax()) > 0 || wait.isNegative() ? config.retryMax() : wait;
  }

  /**
   * Reads Expo's receipts that are due: DeviceNotRegistered forgets the device; a receipt not ready
   * yet is read again after the lease (and forgotten after receipt-give-up by the sweep).
   */
  public Uni<Void> readReceipts() {
    return pushes
        .claimReceipts(pool, RECEIPTS_PER_REQUEST, config.lease())
        .flatMap(
            due -> {
              if (due.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return expo.receipts(
                      due.stream().map(PushRepository.PendingReceipt::ticketId).toList())
                  .flatMap(statuses -> applyReceipts(due, statuses));
            })
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("Expo receipts not read (%s); read after the lease", PushHttp.describe(e));
              return null;
            });
  }

  private Uni<Void> applyReceipts(
      List<PushRepository.PendingReceipt> due, Map<String, String> statuses) {
    List<String> read = new ArrayList<>();
    Uni<Void> forgotten = Uni.createFrom().voidItem();
    for (PushRepository.PendingReceipt receipt : due) {
      String status = statuses.get(receipt.ticketId());
      if (status == null) {
        continue;
      }
      read.add(receipt.ticketId());
      if (ExpoPush.DEVICE_NOT_REGISTERED.equals(status)) {
        metrics.counter("monzie.push.unregistered", "provider", ExpoPush.PROVIDER).increment();
        forgotten =
            forgotten.call(() -> pushes.forgetDevice(pool, receipt.token(), receipt.userId()));
      } else if (!"ok".equals(status)) {
        LOG.warnf("Expo receipt error %s", status);
      }
    }
    return forgotten.call(() -> pushes.receiptsRead(pool, read));
  }

  /** Once an hour: forget old pushes and receipts. */
  @Scheduled(
      every = "1h",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> sweep() {
    return pushes
        .sweep(pool, config.keep(), config.expo().receiptGiveUp())
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(e -> null);
  }

  private void count(String name, Push push) {
    metrics.counter(name, "provider", push.provider()).increment();
  }

  private static <T> List<List<T>> chunks(List<T> list, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < list.size(); i += size) {
      chunks.add(list.subList(i, Math.min(list.size(), i + size)));
    }
    return chunks;
  }
}
