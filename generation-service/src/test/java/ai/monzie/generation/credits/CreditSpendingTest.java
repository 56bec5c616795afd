package ai.monzie.generation.credits;

import static ai.monzie.generation.GenerationFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.OpenApiContract;
import ai.monzie.testing.Parallel;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** Spending credits through POST /v1/generations: buckets, their order, the 402, GET /v1/usage. */
@QuarkusTest
@WithMonzieInfra(database = "generation")
class CreditSpendingTest {

  private static final Logger LOG = Logger.getLogger(CreditSpendingTest.class);

  @Test
  void sixtyParallelRequestsOfAWeeklyPlanUserWithAFiveCreditPackGetExactly45() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    CreditsFixtures.publish(
        CreditsFixtures.plan(user, "weekly", 40, Instant.now(), "rc-" + UUID.randomUUID()),
        CreditsFixtures.granted(user, 5, "rc-pack-" + UUID.randomUUID()));
    CreditsFixtures.awaitAvailable(user, 45);

    List<Response> responses =
        Parallel.run(60, i -> GenerationFixtures.requestGeneration(user, scene));
    long accepted = responses.stream().filter(r -> r.statusCode() == 202).count();
    List<Response> refused = responses.stream().filter(r -> r.statusCode() == 402).toList();
    LOG.infof(
        "figure: credit race, 60 parallel requests, 40 plan + 5 pack credits: %d accepted, %d"
            + " refused",
        accepted, refused.size());
    assertThat(accepted).isEqualTo(45);
    assertThat(refused).hasSize(15);
    for (Response r : refused) {
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.jsonPath().getString("type"))
          .isEqualTo("https://monzie.ai/problems/credits-exhausted");
      assertThat(r.jsonPath().getInt("available")).isZero();
      assertThat(r.jsonPath().getString("plans_url")).endsWith("/v1/plans");
    }
    // the plan went first, then the pack; the daily allowance was never touched
    assertThat(CreditsFixtures.ledgerSum(user, "spend")).isEqualTo(-45);
    assertThat(
            GenerationFixtures.count(
                "SELECT count(*) FROM credit_ledger WHERE user_id = $1 AND kind = 'spend'"
                    + " AND bucket = 'pack'",
                Tuple.of(user)))
        .isEqualTo(5);
    assertThat(
            GenerationFixtures.count(
                "SELECT coalesce(sum(generation_count), 0) FROM usage_tracking WHERE user_id = $1",
                Tuple.of(user)))
        .isZero();
    CreditsFixtures.assertBalancesEqualLedger(user);
    as(user)
        .get("/v1/usage")
        .then()
        .statusCode(200)
        .body("plan.key", equalTo("weekly"))
        .body("plan.credits", equalTo(40))
        .body("plan.used", equalTo(40))
        .body("plan.period_end", notNullValue())
        .body("daily", nullValue())
        .body("packs.balance", equalTo(0))
        .body("unlimited", equalTo(false))
        .body("available", equalTo(0));
  }

  @Test
  void aFreeUserSpendsTheDailyAllowanceThenPacksThenGets402() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    CreditsFixtures.publish(CreditsFixtures.granted(user, 2, "pack-" + UUID.randomUUID()));
    CreditsFixtures.awaitAvailable(user, 12);
    as(user)
        .get("/v1/usage")
        .then()
        .body("plan", nullValue())
        .body("daily.used", equalTo(0))
        .body("daily.limit", equalTo(10))
        .body("daily.resets_at", notNullValue())
        .body("packs.balance", equalTo(2));

    List<Response> responses =
        Parallel.run(14, i -> GenerationFixtures.requestGeneration(user, scene));
    assertThat(responses.stream().filter(r -> r.statusCode() == 202)).hasSize(12);
    // a user who bought packs is a paying user out of credits: 402, not the daily 429
    assertThat(responses.stream().filter(r -> r.statusCode() == 402)).hasSize(2);
    as(user).get("/v1/usage/today").then().body("used", equalTo(10)).body("limit", equalTo(10));
    as(user)
        .get("/v1/usage")
        .then()
        .body("daily.used", equalTo(10))
        .body("packs.balance", equalTo(0))
        .body("available", equalTo(0));
  }

  @Test
  void aFreeUserWithoutPacksKeepsTheDaily429() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    List<Response> responses =
        Parallel.run(11, i -> GenerationFixtures.requestGeneration(user, scene));
    List<Response> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).jsonPath().getString("type"))
        .isEqualTo("https://monzie.ai/problems/daily-limit-reached");
    as(user).get("/v1/usage").then().body("available", equalTo(0)).body("plan", nullValue());
  }

  @Test
  void anUnlimitedPlanSpendsNothingAndTheDailyLimitDoesNotApply() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    Instant now = Instant.now();
    KafkaProbe.Outgoing unlimited =
        CreditsFixtures.entitlement(
            user,
            "premium_monthly",
            0,
            now,
            now.plusSeconds(30L * 86_400),
            true,
            "rc-" + UUID.randomUUID(),
            now);
    KafkaProbe.Outgoing pack = CreditsFixtures.granted(user, 3, "pack-" + UUID.randomUUID());
    CreditsFixtures.publish(unlimited, pack);
    // two topics, applied in either order: wait for both (unlimited alone hides the pack)
    CreditsFixtures.awaitApplied(unlimited);
    CreditsFixtures.awaitApplied(pack);
    List<Response> responses =
        Parallel.run(12, i -> GenerationFixtures.requestGeneration(user, scene));
    assertThat(responses).allMatch(r -> r.statusCode() == 202);
    as(user)
        .get("/v1/usage")
        .then()
        .body("unlimited", equalTo(true))
        .body("plan.key", equalTo("premium_monthly"))
        .body("daily", nullValue())
        .body("packs.balance", equalTo(3));
    // the legacy daily view agrees with admission, with no premium snapshot for this user
    as(user)
        .get("/v1/usage/today")
        .then()
        .body("is_premium", equalTo(true))
        .body("limit", nullValue())
        .body("used", equalTo(12));
    assertThat(CreditsFixtures.ledgerSum(user, "spend")).isZero();
  }

  @Test
  void theLedgerIsTheUsersOwnNewestFirstInPages() {
    UUID user = GenerationFixtures.user();
    UUID other = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    String plan = "rc-" + UUID.randomUUID();
    KafkaProbe.Outgoing othersPack = CreditsFixtures.granted(other, 7, "pack-" + UUID.randomUUID());
    CreditsFixtures.publish(
        CreditsFixtures.plan(user, "weekly", 40, Instant.now(), plan), othersPack);
    CreditsFixtures.awaitAvailable(user, 40);
    CreditsFixtures.awaitApplied(othersPack); // another topic: the other user's ledger is checked
    String first = GenerationFixtures.requestGeneration(user, scene).then().extract().path("id");
    String second = GenerationFixtures.requestGeneration(user, scene).then().extract().path("id");

    Response page1 = as(user).queryParam("limit", 2).get("/v1/usage/ledger");
    page1
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items[0].kind", equalTo("spend"))
        .body("items[0].cause", equalTo(second))
        .body("items[0].amount", equalTo(-1))
        .body("items[0].bucket", equalTo("plan"))
        .body("items[1].cause", equalTo(first))
        .body("next_cursor", notNullValue());
    as(user)
        .queryParam("limit", 2)
        .queryParam("cursor", page1.jsonPath().getString("next_cursor"))
        .get("/v1/usage/ledger")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].kind", equalTo("grant"))
        .body("items[0].cause", equalTo(plan))
        .body("items[0].amount", equalTo(40))
        .body("next_cursor", nullValue());

    for (String bad : List.of("0", "101", "x")) {
      as(user)
          .queryParam("limit", bad)
          .get("/v1/usage/ledger")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("field", equalTo("limit"));
    }
    as(user)
        .queryParam("cursor", "bm90LWEtY3Vyc29y")
        .get("/v1/usage/ledger")
        .then()
        .statusCode(400)
        .body("field", equalTo("cursor"));
    // another user's ledger is not in it
    as(other).get("/v1/usage/ledger").then().body("items", hasSize(1));
    as(user).get("/v1/usage/ledger").then().body("items", hasSize(3));
  }

  @Test
  void theOpenApiDocumentDescribesUsageLedgerAndThe402() {
    UUID user = GenerationFixtures.user();
    UUID scene = GenerationFixtures.scene();
    CreditsFixtures.publish(
        CreditsFixtures.plan(user, "weekly", 1, Instant.now(), "rc-" + UUID.randomUUID()));
    CreditsFixtures.awaitAvailable(user, 1);
    GenerationFixtures.requestGeneration(user, scene).then().statusCode(202);
    OpenApiContract api = OpenApiContract.served();
    String usage = as(user).get("/v1/usage").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/usage", 200, usage)).isEmpty();
    String ledger = as(user).get("/v1/usage/ledger").then().statusCode(200).extract().asString();
    assertThat(api.answerProblems("get", "/v1/usage/ledger", 200, ledger)).isEmpty();
    String refused =
        GenerationFixtures.requestGeneration(user, scene)
            .then()
            .statusCode(402)
            .extract()
            .asString();
    assertThat(refused).contains("credits-exhausted");
    assertThat(api.operation("post", "/v1/generations").path("responses").has("402")).isTrue();
    assertThat(api.operation("post", "/v1/images/{id}/enhance").path("responses").has("402"))
        .isTrue();
  }
}
