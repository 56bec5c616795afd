package ai.monzie.generation.generation;

import static ai.monzie.generation.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import ai.monzie.generation.Fixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class QuotaTest {

  private static final Logger LOG = Logger.getLogger(QuotaTest.class);

  @Test
  void concurrentRequestsNeverExceedTheDailyLimit() throws Exception {
    UUID user = Fixtures.user();
    UUID scene = Fixtures.scene();
    List<Response> responses = parallel(25, i -> Fixtures.requestGeneration(user, scene));
    long accepted = responses.stream().filter(r -> r.statusCode() == 202).count();
    List<Response> refused = responses.stream().filter(r -> r.statusCode() == 429).toList();
    LOG.infof(
        "figure: quota race, 25 parallel requests: %d accepted, %d refused",
        accepted, refused.size());
    assertThat(accepted).isEqualTo(10);
    assertThat(refused).hasSize(15);
    Instant tomorrow =
        LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    for (Response r : refused) {
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.jsonPath().getInt("used")).isEqualTo(10);
      assertThat(r.jsonPath().getInt("limit")).isEqualTo(10);
      assertThat(Instant.parse(r.jsonPath().getString("resets_at"))).isEqualTo(tomorrow);
      assertThat(r.getHeader("Retry-After")).isNotBlank();
    }
    as(user)
        .get("/v1/usage/today")
        .then()
        .statusCode(200)
        .body("used", equalTo(10))
        .body("limit", equalTo(10))
        .body("is_premium", equalTo(false))
        .body("resets_at", equalTo(tomorrow.toString()));
  }

  @Test
  void premiumIsUnlimitedUntilTheSubscriptionExpires() throws Exception {
    UUID member = Fixtures.user();
    UUID scene = Fixtures.scene();
    Fixtures.profile(member, true, "male", Instant.now().plusSeconds(86_400), 1);
    List<Response> responses = parallel(12, i -> Fixtures.requestGeneration(member, scene));
    assertThat(responses).allMatch(r -> r.statusCode() == 202);
    as(member)
        .get("/v1/usage/today")
        .then()
        .body("used", equalTo(12))
        .body("limit", nullValue())
        .body("is_premium", equalTo(true));

    // the subscription ran out and no event said so: the expiry alone ends premium
    UUID lapsed = Fixtures.user();
    Fixtures.profile(lapsed, true, null, Instant.now().minusSeconds(60), 1);
    as(lapsed)
        .get("/v1/usage/today")
        .then()
        .body("limit", equalTo(10))
        .body("is_premium", equalTo(false));
  }

  @Test
  void aFailedGenerationGivesItsUnitBack() {
    // the local model fails a photo it cannot read: the stored upload is replaced by junk
    UUID user = Fixtures.user();
    UUID scene = Fixtures.scene();
    String url = UploadsHelper.uploadJpeg(user);
    UploadsHelper.corrupt(url);
    var done =
        Fixtures.generate(user, Map.of("scene_id", scene.toString(), "original_photo_url", url));
    assertThat(done.getString("status")).isEqualTo("failed");
    assertThat(done.getString("error")).contains("could not be read");
    as(user).get("/v1/usage/today").then().body("used", equalTo(0));
    var failed =
        Fixtures.events(
            ai.monzie.platform.events.Topics.GENERATION_FAILED, done.getString("id"), 1);
    assertThat(
            ai.monzie.testing.ContractSchemas.validate(
                ai.monzie.platform.events.Topics.GENERATION_FAILED, failed.get(0).value()))
        .isEmpty();
  }

  static <T> List<T> parallel(int n, IntFunction<T> call) throws Exception {
    return ai.monzie.testing.Parallel.run(n, call);
  }
}
