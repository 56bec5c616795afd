package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

  static final RouteTable ROUTES =
      RouteTable.load(StackConfig.findRepoRoot().resolve("deploy/routes.yaml"));

  @ParameterizedTest
  @CsvSource({
    "/v1/auth/signup, profile",
    "/v1/auth/token, profile",
    "/v1/profiles/me, profile",
    "/v1/webhooks/revenuecat, profile",
    "/v1/webhooks/adapty, profile",
    "/v1/webhooks/fal, generation",
    "/v1/plans, profile",
    "/v1/plans/monzie_weekly, profile",
    "/v1/devices/ExponentPushToken[abc], profile",
    "/.well-known/jwks.json, profile",
    "/v1/categories, catalog",
    "/v1/scenes, catalog",
    "/v1/scenes/123, catalog",
    "/v1/uploads, generation",
    "/v1/generations/stream, generation",
    "/v1/images/1/enhance, generation",
    "/v1/usage/today, generation",
    "/v1/files/users/a/b.png, generation",
    "/v1/shared/abc/image, generation",
    "/v1/events, analytics",
    "/v1/stats/generations/daily, analytics"
  })
  void everyDesignPrefixGoesToItsService(String path, String service) {
    assertThat(ROUTES.serviceFor(path)).contains(service);
  }

  @ParameterizedTest
  @CsvSource({"/", "/v1", "/v1/scenesX", "/v2/scenes", "/q/health", "/v1/eventsource"})
  void pathsOutsideTheTableHaveNoService(String path) {
    assertThat(ROUTES.serviceFor(path)).isEmpty();
  }

  @Test
  void theLongestPrefixWins() {
    RouteTable table =
        new RouteTable(
            java.util.Map.of("a", 1, "b", 2),
            java.util.List.of(
                new RouteTable.Route("/v1/x/y", "b"), new RouteTable.Route("/v1/x", "a")));
    assertThat(table.serviceFor("/v1/x/y/z")).contains("b");
    assertThat(table.serviceFor("/v1/x/z")).contains("a");
  }

  @Test
  void bodyLimitsAndStreamsComeFromTheTable() {
    assertThat(ROUTES.routeFor("/v1/profiles/me").orElseThrow().maxBody()).isEqualTo(64 * 1024);
    assertThat(ROUTES.routeFor("/v1/uploads").orElseThrow().maxBody()).isEqualTo(12 << 20);
    assertThat(ROUTES.routeFor("/v1/events").orElseThrow().maxBody()).isEqualTo(2 << 20);
    assertThat(ROUTES.isStream("/v1/generations/stream")).isTrue();
    assertThat(ROUTES.isStream("/v1/generations")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/q", "/q/metrics", "/", "/v1/scenes/", "/v1/../q", "/v1/%2e%2e/q", "/v1//x"})
  void aPrefixUnderQOrNotCanonicalIsRefused(String prefix) throws Exception {
    Path table = Files.createTempFile("routes", ".yaml");
    Files.writeString(
        table,
        "services:\n  catalog: { port: 1 }\nroutes:\n  - { prefix: \""
            + prefix
            + "\", service: catalog }\n");
    assertThatThrownBy(() -> RouteTable.load(table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(prefix);
  }

  @Test
  void everyServiceHasAPortAndTheTableCoversTheFourServices() {
    assertThat(ROUTES.servicePorts())
        .containsOnlyKeys("profile", "catalog", "generation", "analytics");
    assertThat(ROUTES.routes()).hasSize(17);
    // sorted longest first, so the first match is the longest
    for (int i = 1; i < ROUTES.routes().size(); i++) {
      assertThat(ROUTES.routes().get(i - 1).prefix().length())
          .isGreaterThanOrEqualTo(ROUTES.routes().get(i).prefix().length());
    }
  }
}
