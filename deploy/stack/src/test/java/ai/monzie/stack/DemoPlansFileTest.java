package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo plans the stack loads are the issue's: five credit subscriptions, the unlimited premium
 * and two packs, each product id sold by one plan. (profile-service's tests post this very file
 * through POST /v1/plans.)
 */
class DemoPlansFileTest {

  @Test
  void theDemoPlansAreTheBusinessModelsPlans() throws Exception {
    JsonNode file =
        new ObjectMapper()
            .readTree(
                StackConfig.findRepoRoot().resolve("deploy/catalog/demo-plans.json").toFile());
    Map<String, JsonNode> plans = new HashMap<>();
    Set<String> products = new HashSet<>();
    for (JsonNode plan : file.get("plans")) {
      plans.put(plan.get("key").asText(), plan);
      plan.get("store_product_ids")
          .forEach(p -> assertThat(products.add(p.asText())).as("one plan per product").isTrue());
    }
    assertThat(plans.get("monzie_weekly").get("credits").asInt()).isEqualTo(40);
    assertThat(plans.get("monzie_weekly").get("period_days").asInt()).isEqualTo(7);
    assertThat(plans.get("monzie_monthly").get("credits").asInt()).isEqualTo(180);
    assertThat(plans.get("monzie_3month").get("credits").asInt()).isEqualTo(500);
    assertThat(plans.get("monzie_6month").get("credits").asInt()).isEqualTo(1000);
    assertThat(plans.get("monzie_yearly").get("credits").asInt()).isEqualTo(2500);
    assertThat(plans.get("monzie_yearly").get("price_usd").decimalValue())
        .isEqualByComparingTo("119.99");
    assertThat(plans.get("monzie_premium_monthly").get("unlimited").asBoolean()).isTrue();
    assertThat(plans.get("monzie_premium_monthly").get("period_days").asInt()).isEqualTo(30);
    assertThat(plans.get("monzie_credits_50").get("kind").asText()).isEqualTo("pack");
    assertThat(plans.get("monzie_credits_50").has("period_days")).isFalse();
    assertThat(plans.get("monzie_credits_200").get("credits").asInt()).isEqualTo(200);
    assertThat(plans).hasSize(8);
  }
}
