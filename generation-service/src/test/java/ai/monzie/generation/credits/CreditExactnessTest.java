package ai.monzie.generation.credits;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.worker.JobOutcomes;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Exactness on the real database and broker: events delivered twice or out of order apply once, a
 * renewal during spending neither loses nor makes a credit, a failed job refunds exactly once.
 */
@QuarkusTest
@WithMonzieInfra(database = "generation")
class CreditExactnessTest {

  private static final Logger LOG = Logger.getLogger(CreditExactnessTest.class);

  @Inject Pool pool;
  @Inject Credits credits;
  @Inject JobRepository jobs;
  @Inject JobOutcomes outcomes;

  @Test
  void grantsDeliveredTwiceAndOutOfOrderHaveOneEffect() {
    UUID user = GenerationFixtures.user();
    Instant start = Instant.now();
    String first = "rc-" + UUID.randomUUID();
    String renewal = "rc-" + UUID.randomUUID();
    String pack = "pack-" + UUID.randomUUID();
    String refunded = "pack-" + UUID.randomUUID();
    KafkaProbe.Outgoing period1 = CreditsFixtures.plan(user, "weekly", 40, start, first);
    KafkaProbe.Outgoing period2 =
        CreditsFixtures.plan(user, "weekly", 40, start.plus(Duration.ofDays(7)), renewal);
    KafkaProbe.Outgoing packGrant = CreditsFixtures.granted(user, 50, pack);
    KafkaProbe.Outgoing lateGrant = CreditsFixtures.granted(user, 200, refunded);
    KafkaProbe.Outgoing revocation =
        CreditsFixtures.revoked(user, 200, "rc-" + UUID.randomUUID(), refunded);
    CreditsFixtures.publish(
        packGrant,
        packGrant, // redelivered: same CloudEvents id
        CreditsFixtures.republished(packGrant), // the same store event under a new id
        period2, // the renewal overtakes the first period...
        period1, // ...which arrives late and must not replace it
        CreditsFixtures.republished(period2),
        revocation, // the pack's refund before its purchase
        lateGrant,
        CreditsFixtures.republished(lateGrant));
    CreditsFixtures.awaitApplied(lateGrant);
    CreditsFixtures.awaitApplied(period1);

    as(user)
        .get("/v1/usage")
        .then()
        .statusCode(200)
        .body("plan.credits", equalTo(40))
        .body("plan.used", equalTo(0))
        .body("packs.balance", equalTo(50))
        .body("available", equalTo(90));
    assertThat(CreditsFixtures.ledgerSum(user, "grant")).isEqualTo(40 + 50 + 200);
    assertThat(CreditsFixtures.ledgerRows(user, "grant", first)).isZero();
    assertThat(CreditsFixtures.balance(user, pack)).isEqualTo(50);
    assertThat(CreditsFixtures.balance(user, refunded)).isZero();
    assertThat(CreditsFixtures.ledgerSum(user, "revoke")).isEqualTo(-200);
    CreditsFixtures.assertBalancesEqualLedger(user);
  }

  @Test
  void aRefundedPackLosesWhatIsLeftNeverBelowZero() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String pack = "pack-" + UUID.randomUUID();
    CreditsFixtures.publish(
        CreditsFixtures.plan(user, "weekly", 1, Instant.now(), "rc-" + UUID.randomUUID()),
        CreditsFixtures.granted(user, 3, pack));
    CreditsFixtures.awaitAvailable(user, 4);
    for (int i = 0; i < 3; i++) {
      GenerationFixtures.requestGeneration(user, scene).then().statusCode(202);
    }
    CreditsFixtures.awaitAvailable(user, 1);
    KafkaProbe.Outgoing revocation =
        CreditsFixtures.revoked(user, 3, "rc-" + UUID.randomUUID(), pack);
    CreditsFixtures.publish(revocation, CreditsFixtures.republished(revocation));
    CreditsFixtures.awaitAvailable(user, 0);
    assertThat(CreditsFixtures.balance(user, pack)).isZero();
    assertThat(CreditsFixtures.ledgerSum(user, "revoke")).isEqualTo(-1);
    CreditsFixtures.assertBalancesEqualLedger(user);
  }

  @Test
  void aRenewalArrivingWhileGenerationsAreSpentLosesAndMakesNoCredit() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    Instant start = Instant.now();
    String period1 = "rc-" + UUID.randomUUID();
    String period2 = "rc-" + UUID.randomUUID();
    CreditsFixtures.publish(CreditsFixtures.plan(user, "weekly", 40, start, period1));
    CreditsFixtures.awaitAvailable(user, 40);

    KafkaProbe.Outgoing renewal =
        CreditsFixtures.plan(user, "weekly", 40, start.plusSeconds(1), period2);
    List<Response> responses =
        Parallel.run(
            31,
            i -> {
              if (i == 0) { // the renewal is published while the 30 requests race
                CreditsFixtures.publish(renewal);
                return null;
              }
              return GenerationFixtures.requestGeneration(user, scene);
            });
    CreditsFixtures.awaitApplied(renewal);
    long accepted = responses.stream().filter(r -> r != null && r.statusCode() == 202).count();
    assertThat(accepted).isEqualTo(30);

    long fromFirst = spends(user, period1);
    long fromSecond = spends(user, period2);
    LOG.infof(
        "figure: renewal during 30 spends: %d from the old period, %d from the new",
        fromFirst, fromSecond);
    assertThat(fromFirst + fromSecond).isEqualTo(accepted);
    // the old period's remainder expired, exactly what was left of it: nothing lost or made
    assertThat(CreditsFixtures.ledgerRows(user, "expiry", period2)).isEqualTo(1);
    assertThat(CreditsFixtures.balance(user, period1)).isZero();
    assertThat(CreditsFixtures.ledgerSum(user, "expiry")).isEqualTo(-(40 - fromFirst));
    assertThat(CreditsFixtures.balance(user, period2)).isEqualTo(40 - (int) fromSecond);
    CreditsFixtures.assertBalancesEqualLedger(user);
    as(user).get("/v1/usage").then().body("available", equalTo(40 - (int) fromSecond));
  }

  @Test
  void aFailedJobRefundsExactlyOnceEvenWhenItsWorkerCrashesMidWay() {
    UUID user = GenerationFixtures.user();
    String period = "rc-" + UUID.randomUUID();
    CreditsFixtures.publish(CreditsFixtures.plan(user, "weekly", 40, Instant.now(), period));
    CreditsFixtures.awaitAvailable(user, 40);
    // a job whose photo no decoder reads: the local model fails it for good
    String photo = UploadFixtures.uploadJpeg(user);
    UploadFixtures.corrupt(photo);
    UUID id = UUID.randomUUID();
    LocalDate day =
        pool.withTransaction(tx -> credits.reserve(tx, user, id, false).map(r -> r.day()))
            .await()
            .atMost(Duration.ofSeconds(10));
    insertRunningJob(id, user, UploadFixtures.keyOf(photo), day);
    assertThat(CreditsFixtures.balance(user, period)).isEqualTo(39);
    Job deadWorkers = jobOf(user, id);

    // the worker crashes inside the failing transaction, after the refund: nothing of it stays
    assertThat(
            pool.withTransaction(
                    tx ->
                        credits
                            .refund(tx, user, id, day)
                            .flatMap(
                                x ->
                                    Uni.createFrom()
                                        .<Void>failure(new IllegalStateException("crash"))))
                .onFailure()
                .recoverWithItem(() -> null)
                .await()
                .atMost(Duration.ofSeconds(10)))
        .isNull();
    assertThat(CreditsFixtures.ledgerRows(user, "refund", id.toString())).isZero();
    assertThat(CreditsFixtures.balance(user, period)).isEqualTo(39);

    // its lease runs out; another worker claims the job, runs it, and it fails
    GenerationFixtures.one(
        "UPDATE generation_jobs SET lease_until = now() - interval '1 second' WHERE id = $1"
            + " RETURNING id",
        Tuple.of(id));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "failed"
                    .equals(
                        GenerationFixtures.one(
                                "SELECT status FROM generation_jobs WHERE id = $1", Tuple.of(id))
                            .getString(0)));
    // the crashed worker comes back and fails the job too: its lease is gone, nothing happens
    assertThat(outcomes.fail(deadWorkers, "late").await().atMost(Duration.ofSeconds(10))).isFalse();
    // and a refund repeated by hand (a retried transaction) is a no-op
    pool.withTransaction(tx -> credits.refund(tx, user, id, day))
        .await()
        .atMost(Duration.ofSeconds(10));

    assertThat(CreditsFixtures.ledgerRows(user, "refund", id.toString())).isEqualTo(1);
    assertThat(CreditsFixtures.balance(user, period)).isEqualTo(40);
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM usage_tracking WHERE user_id = $1 AND generation_count > 0",
                Tuple.of(user)))
        .isZero();
    CreditsFixtures.assertBalancesEqualLedger(user);
    as(user).get("/v1/usage").then().body("available", equalTo(40));
  }

  @Test
  void aRefundToAPeriodThatEndedMeanwhileExpiresWithIt() {
    UUID user = GenerationFixtures.user();
    String period1 = "rc-" + UUID.randomUUID();
    String period2 = "rc-" + UUID.randomUUID();
    Instant start = Instant.now();
    CreditsFixtures.publish(CreditsFixtures.plan(user, "weekly", 40, start, period1));
    CreditsFixtures.awaitAvailable(user, 40);
    UUID generation = UUID.randomUUID();
    LocalDate day =
        pool.withTransaction(tx -> credits.reserve(tx, user, generation, false).map(r -> r.day()))
            .await()
            .atMost(Duration.ofSeconds(10));
    CreditsFixtures.publish(
        CreditsFixtures.plan(user, "weekly", 40, start.plusSeconds(5), period2));
    CreditsFixtures.awaitAvailable(user, 40);
    pool.withTransaction(tx -> credits.refund(tx, user, generation, day))
        .await()
        .atMost(Duration.ofSeconds(10));
    // the credit went back to the period it came from, which had ended: it expired with it
    assertThat(CreditsFixtures.balance(user, period1)).isZero();
    assertThat(CreditsFixtures.balance(user, period2)).isEqualTo(40);
    assertThat(CreditsFixtures.ledgerRows(user, "refund", generation.toString())).isEqualTo(1);
    assertThat(CreditsFixtures.ledgerRows(user, "expiry", generation.toString())).isEqualTo(1);
    CreditsFixtures.assertBalancesEqualLedger(user);
  }

  @Test
  void theEndOfAPlanBringsBackTheDailyAllowanceAndUserDeletedRemovesTheLedger() {
    UUID user = GenerationFixtures.user();
    Instant start = Instant.now();
    String period = "rc-" + UUID.randomUUID();
    String end = "rc-" + UUID.randomUUID();
    CreditsFixtures.publish(
        CreditsFixtures.plan(user, "weekly", 40, start, period),
        CreditsFixtures.granted(user, 5, "pack-" + UUID.randomUUID()));
    CreditsFixtures.awaitAvailable(user, 45);
    CreditsFixtures.publish(
        CreditsFixtures.entitlement(user, null, 0, null, null, false, end, start.plusSeconds(1)));
    CreditsFixtures.awaitAvailable(user, 15); // the daily 10 + the pack's 5
    assertThat(CreditsFixtures.ledgerRows(user, "expiry", end)).isEqualTo(1);
    CreditsFixtures.assertBalancesEqualLedger(user);

    GenerationFixtures.publishUserDeleted(user);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                GenerationFixtures.count(
                        "SELECT count(*) FROM credit_ledger WHERE user_id = $1", Tuple.of(user))
                    == 0);
    assertThat(rows("credit_grants", user)).isZero();
    assertThat(rows("credit_entitlements", user)).isZero();
    // a late grant for the deleted user brings nothing back
    KafkaProbe.Outgoing late = CreditsFixtures.granted(user, 50, "pack-" + UUID.randomUUID());
    CreditsFixtures.publish(late);
    CreditsFixtures.awaitApplied(late);
    assertThat(rows("credit_grants", user)).isZero();
  }

  private static long spends(UUID user, String grantId) {
    return GenerationFixtures.count(
        "SELECT count(*) FROM credit_ledger WHERE user_id = $1 AND kind = 'spend'"
            + " AND grant_id = $2",
        Tuple.of(user, grantId));
  }

  private static long rows(String table, UUID user) {
    return GenerationFixtures.count(
        "SELECT count(*) FROM " + table + " WHERE user_id = $1", Tuple.of(user));
  }

  /** A job a worker claimed (its lease still runs) with the input photo given. */
  private void insertRunningJob(UUID id, UUID user, String photoKey, LocalDate day) {
    pool.preparedQuery(
            "INSERT INTO generation_jobs (id, user_id, status, provider, model, scene_id,"
                + " scene_name, scene_category, prompt, image_size, aspect_ratio, seed,"
                + " original_photo_key, quota_date, attempts, lease_token, lease_until,"
                + " started_at) VALUES ($1, $2, 'running', 'local', 'local', $3, 'Crash',"
                + " 'portrait', 'A portrait', 'square', '1:1', 5, $4, $5, 1, gen_random_uuid(),"
                + " now() + interval '5 minutes', now())")
        .execute(Tuple.of(id, user, UUID.randomUUID(), photoKey, day))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private Job jobOf(UUID user, UUID id) {
    return jobs.findWithImage(pool, user, id)
        .await()
        .atMost(Duration.ofSeconds(10))
        .orElseThrow()
        .job();
  }
}
