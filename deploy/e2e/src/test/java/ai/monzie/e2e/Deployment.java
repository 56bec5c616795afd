package ai.monzie.e2e;

import java.time.Duration;

/**
 * What the journeys run against: the stack as processes ({@link Stack}, the default) or the shipped
 * images as containers ({@link ContainerStack}, while {@link ContainerJourneyIT} runs).
 */
interface Deployment {

  /** The gateway's URL: every journey call goes through it. */
  String apiUrl();

  /** A service's own URL, bypassing the gateway (to read its {@code /q/openapi}). */
  String serviceUrl(String service);

  /** A token signed by the key the services trust. */
  String token(String role, String subject, Duration ttl);

  /** The RevenueCat webhook secret profile was started with. */
  String revenueCatSecret();

  /** JDBC URL of a service's database, reachable from the test JVM (user/password postgres). */
  String jdbcUrl(String database);

  /** An operator's token (role service_role, no user: the all-zero subject). */
  default String serviceRoleToken() {
    return token("service_role", "00000000-0000-0000-0000-000000000000", Duration.ofMinutes(30));
  }

  /** The deployment of this moment: the containers while their journey runs, else the stack. */
  static Deployment current() {
    Deployment override = Current.override;
    return override != null ? override : Stack.deployment();
  }

  /** Runs the journeys against {@code deployment} until {@link #reset()}. */
  static void use(Deployment deployment) {
    Current.override = deployment;
  }

  static void reset() {
    Current.override = null;
  }

  /** Holder of the switch (interfaces have no mutable static fields). */
  final class Current {
    private static volatile Deployment override;

    private Current() {}
  }
}
