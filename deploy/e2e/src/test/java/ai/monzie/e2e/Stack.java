package ai.monzie.e2e;

import ai.monzie.infra.Ports;
import ai.monzie.stack.LocalStack;
import ai.monzie.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole product as {@code deploy/monzie start} runs it — real PostgreSQL, real Kafka, every
 * built service as its own process, the gateway — on free ports with a state folder under target/,
 * started once for the test JVM and stopped by a shutdown hook.
 */
public final class Stack {
  private Stack() {}

  private static LocalStack stack;
  private static TraceCollector traces;

  public static synchronized LocalStack get() {
    if (stack == null) {
      LocalStack started = onFreePorts("stack", 1);
      // tracing on, exported to a collector of the tests' own (off by default in the services)
      TraceCollector collector;
      try {
        collector = new TraceCollector();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      started.setServiceEnvironment("QUARKUS_OTEL_SDK_DISABLED", "false");
      started.setServiceEnvironment("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
      started.setServiceEnvironment(
          "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint());
      started.setServiceEnvironment("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
      // a SIGKILLed worker's jobs are taken again when their lease runs out: 10 s instead of 30 s
      // keeps FaultsIT short; a live worker renews its lease every third of it either way
      started.setServiceEnvironment("MONZIE_GENERATION_LEASE", "10s");
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.stop();
                    collector.stop();
                  },
                  "e2e-stack-stop"));
      traces = collector;
      started.start();
      stack = started;
    }
    return stack;
  }

  /**
   * A stack (not started) with {@code replicas} instances of every service, every port free, its
   * state in deploy/e2e/target/FOLDER (emptied first).
   */
  static LocalStack onFreePorts(String folder, int replicas) {
    try {
      Path root = StackConfig.findRepoRoot();
      Path state = root.resolve("deploy/e2e/target/" + folder);
      if (Files.exists(state)) {
        try (var paths = Files.walk(state)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String service : StackConfig.SERVICES) {
        ports.put(service, Ports.free());
      }
      StackConfig config =
          new StackConfig(
                  root, state, Ports.free(), Ports.free(), Ports.free(), Ports.free(), ports)
              .withReplicas(replicas, instance -> Ports.free());
      return new LocalStack(config, line -> System.out.println("[" + folder + "] " + line));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The spans the services exported while the stack ran. */
  static TraceCollector traces() {
    get();
    return traces;
  }

  public static String api() {
    return get().config().apiUrl();
  }

  public static String serviceRole() {
    return get().serviceRoleToken(Duration.ofMinutes(30));
  }

  /** This stack as the journeys see it. */
  static Deployment deployment() {
    return deployment(Stack::get);
  }

  /** A local stack as the journeys see it. */
  static Deployment deployment(java.util.function.Supplier<LocalStack> stack) {
    return new Deployment() {
      @Override
      public String apiUrl() {
        return stack.get().config().apiUrl();
      }

      @Override
      public String serviceUrl(String service) {
        return stack.get().config().serviceUrl(service);
      }

      @Override
      public String token(String role, String subject, Duration ttl) {
        return stack.get().token(role, subject, ttl);
      }

      @Override
      public String revenueCatSecret() {
        return stack.get().secrets().getProperty("revenuecat-webhook-secret");
      }

      @Override
      public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:"
            + stack.get().config().postgresPort()
            + "/"
            + database;
      }
    };
  }

  public static String kafka() {
    return get().config().kafkaBootstrap();
  }
}
