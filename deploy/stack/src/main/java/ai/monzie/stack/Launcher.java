package ai.monzie.stack;

import ai.monzie.infra.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What each component of the local stack is started with: its command line, arguments and
 * environment. {@link StackProcesses} runs it; {@link LocalStack} decides when.
 */
final class Launcher {

  /** The system property naming a service instance on its command line (and to Kafka). */
  static final String INSTANCE_PROPERTY = "kafka.client-id-prefix";

  private final StackConfig config;
  private final StackProcesses processes;
  private final Readiness readiness;
  private final DevSecrets secrets;
  private final Consumer<String> progress;
  private final Map<String, String> extraEnvironment;
  private final Map<String, Map<String, String>> instanceEnvironment = new ConcurrentHashMap<>();

  Launcher(
      StackConfig config,
      StackProcesses processes,
      Readiness readiness,
      DevSecrets secrets,
      Consumer<String> progress,
      Map<String, String> extraEnvironment) {
    this.config = config;
    this.processes = processes;
    this.readiness = readiness;
    this.secrets = secrets;
    this.progress = progress;
    this.extraEnvironment = extraEnvironment;
  }

  /** Starts the component's process and returns its pid. */
  long launch(String component) throws IOException {
    return switch (component) {
      case LocalStack.POSTGRES -> {
        Files.deleteIfExists(readiness.postgresReadyFile());
        yield processes.spawn(
            component,
            processes.javaCommand(
                PostgresHost.class,
                "--data",
                config.stateDir().resolve("postgres/data").toString(),
                "--port",
                String.valueOf(config.postgresPort()),
                "--databases",
                String.join(",", StackConfig.SERVICES),
                "--ready-file",
                readiness.postgresReadyFile().toString()),
            Map.of());
      }
      case LocalStack.KAFKA -> {
        // the broker's own process (setsid); KafkaBroker returns once it listens
        long pid =
            KafkaBroker.at(
                    config.stateDir().resolve("kafka"),
                    config.kafkaPort(),
                    config.kafkaControllerPort())
                .startDetached();
        processes.writePid(component, pid);
        int created = KafkaTopics.create(config.kafkaBootstrap());
        if (created > 0) {
          progress.accept("created " + created + " Kafka topics (with their .dlq)");
        }
        yield pid;
      }
      case LocalStack.PUSH_SINK ->
          processes.spawn(
              component,
              processes.javaCommand(
                  PushSink.class,
                  "--port=" + config.port(LocalStack.PUSH_SINK),
                  "--records=" + PushSink.recordsFile(config.stateDir())),
              Map.of());
      case LocalStack.MAIL ->
          processes.spawn(
              component,
              processes.javaCommand(
                  MailCatcher.class,
                  "--port",
                  String.valueOf(config.mailPort()),
                  "--dir",
                  MailCatcher.mailDir(config).toString()),
              Map.of());
      case LocalStack.GATEWAY ->
          processes.spawn(
              component,
              processes.javaCommand(
                  Gateway.class,
                  "--port",
                  String.valueOf(config.gatewayPort()),
                  "--routes",
                  config.repoRoot().resolve("deploy/routes.yaml").toString(),
                  "--ports",
                  gatewayPorts()),
              Map.of());
      default -> {
        StartupCache cache = startupCache(StackConfig.serviceOf(component));
        yield processes.spawn(
            component,
            serviceCommand(component, cache.current() ? cache.useOptions() : List.of()),
            serviceEnvironment(component));
      }
    };
  }

  /**
   * A service instance's JVM: the start-up cache's options, the instance's name as its Kafka client
   * id prefix (so each instance's consumers and producer are told apart on the broker, while they
   * share the service's consumer groups), the jar.
   */
  List<String> serviceCommand(String instance, List<String> cacheOptions) {
    StartupCache cache = startupCache(StackConfig.serviceOf(instance));
    List<String> command = new ArrayList<>(List.of(StackProcesses.java()));
    command.addAll(cache.jvmOptions());
    command.addAll(cacheOptions);
    command.add(instanceOption(instance));
    command.addAll(List.of("-jar", config.serviceJar(StackConfig.serviceOf(instance)).toString()));
    return command;
  }

  /**
   * {@code -Dkafka.client-id-prefix=generation-2-}: also what tells the instances' processes apart.
   */
  static String instanceOption(String instance) {
    return "-D" + INSTANCE_PROPERTY + "=" + instance + "-";
  }

  StartupCache startupCache(String service) {
    return new StartupCache(config.serviceJar(service));
  }

  /** The gateway's {@code --ports}: every instance of every service. */
  String gatewayPorts() {
    Map<String, List<Integer>> ports = new LinkedHashMap<>();
    for (String service : config.servicePorts().keySet()) {
      ports.put(service, config.instances(service).stream().map(config::port).toList());
    }
    return Upstreams.format(ports);
  }

  /** The environment of a service instance (or of the service's first instance). */
  Map<String, String> serviceEnvironment(String instance) {
    String service = StackConfig.serviceOf(instance);
    Properties secrets = this.secrets.properties();
    Map<String, String> env = new LinkedHashMap<>();
    env.put(
        "QUARKUS_HTTP_PORT",
        String.valueOf(
            config.servicePorts().getOrDefault(instance, config.instancePorts().get(instance))));
    // only the gateway is reachable from other machines; a service, with its /q endpoints, is not
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_DATASOURCE_REACTIVE_URL", config.databaseUrl(service));
    env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:" + config.databaseUrl(service));
    env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
    env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
    // tokens are verified against the profile service's JWKS when it exists (it signs with the
    // same development key), else against the key file itself
    env.put(
        "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
        Files.exists(config.serviceJar("profile"))
            ? "http://127.0.0.1:" + config.servicePorts().get("profile") + "/.well-known/jwks.json"
            : config.keys().resolve("jwks.json").toUri().toString());
    env.put("MONZIE_JWT_SIGNING_KEY_LOCATION", config.keys().resolve("jwt-private.pem").toString());
    env.put("MONZIE_JWT_KEY_ID", this.secrets.keys().keyId());
    env.put("MONZIE_REVENUECAT_WEBHOOK_SECRET", secrets.getProperty("revenuecat-webhook-secret"));
    env.put("MONZIE_ADAPTY_WEBHOOK_SECRET", secrets.getProperty("adapty-webhook-secret"));
    env.put("MONZIE_FILES_SIGNING_KEY", secrets.getProperty("files-signing-key"));
    // profile's export download links (their signed text is domain-separated from file links)
    env.put("MONZIE_EXPORT_SIGNING_KEY", secrets.getProperty("files-signing-key"));
    env.put("MONZIE_STORAGE_FILESYSTEM_ROOT", config.stateDir().resolve("files").toString());
    env.put("MONZIE_PUBLIC_BASE_URL", config.apiUrl());
    // pushes go to the stack's sink (deploy/monzie push), never to Expo
    env.put("MONZIE_PUSH_EXPO_URL", PushSink.expoUrl(config.stateDir()));
    // readable log lines, also where a service's prod profile asks for JSON
    // (quarkus.log.console.json.enabled; the older quarkus.log.console.json is deprecated)
    env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.put("_PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    env.putAll(MailCatcher.serviceEnvironment(config));
    // every MONZIE_* of deploy/monzie's own environment, over the stack's defaults (e.g.
    // MONZIE_AUTH_APPLE_CLIENT_IDS, MONZIE_AUTH_APPLE_JWKS_URL turn Sign in with Apple on)
    env.putAll(operatorVariables(System.getenv()));
    env.putAll(extraEnvironment);
    env.putAll(instanceEnvironment.getOrDefault(instance, Map.of()));
    return env;
  }

  /** A variable for one instance only, over everything else (see {@link LocalStack}). */
  void setInstanceEnvironment(String instance, String name, String value) {
    instanceEnvironment.computeIfAbsent(instance, i -> new ConcurrentHashMap<>()).put(name, value);
  }

  /** The {@code MONZIE_*} variables of an environment (what the operator sets for the services). */
  static Map<String, String> operatorVariables(Map<String, String> environment) {
    Map<String, String> monzie = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("MONZIE_")) {
            monzie.put(name, value);
          }
        });
    return monzie;
  }
}
