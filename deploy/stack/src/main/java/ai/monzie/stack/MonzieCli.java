package ai.monzie.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code deploy/monzie}: the local stack, in the spirit of {@code supabase start}. */
public final class MonzieCli {
  private MonzieCli() {}

  static final String USAGE =
      """
      usage: deploy/monzie <command>
        start [--port N] [--replicas N]
                                    start PostgreSQL, Kafka, the services and the gateway
                                    (port 8080, or --port / MONZIE_PORT); --replicas 2: two
                                    instances of every service (8083 and 8183, ...), the
                                    gateway balancing each route over them
        stop                        stop everything (data stays in .monzie/)
        status [--env]              what runs; --env prints KEY=value lines for scripts
        token --role R [--sub ID] [--ttl 1h]
                                    an access token (R = authenticated | service_role)
        dev SERVICE                 run SERVICE with ./mvnw quarkus:dev in place of its packaged
                                    process (live reload, Dev UI, continuous testing);
                                    Ctrl-C puts the packaged service back
        logs SERVICE [-f]           a component's log (postgres, kafka, gateway, profile, ...)
        push [--json]               the push notifications the local push sink caught, newest first
        logs SERVICE [-f]           a component's log (postgres, kafka, mail, gateway, profile, ...)
        mail [--to EMAIL] [--json]  the mails the services sent (caught, never delivered), newest
                                    first; --json: one array of {to, subject, text, received_at}
        reset [--yes]               stop and wipe local data
      """;

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.print(USAGE);
      return;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    Map<String, String> options = options(rest);
    List<String> positional = positional(rest);
    try {
      Integer port = options.containsKey("port") ? parsePort(options.get("port")) : null;
      Integer replicas =
          options.containsKey("replicas") && args[0].equals("start")
              ? parseReplicas(options.get("replicas"))
              : null;
      LocalStack stack =
          new LocalStack(
              StackConfig.defaults(StackConfig.findRepoRoot(), port, replicas),
              System.out::println);
      switch (args[0]) {
        case "start" -> start(stack);
        case "stop" -> {
          stack.stop();
          System.out.println("stopped (data kept in " + stack.config().stateDir() + ")");
        }
        case "status" -> status(stack, options.containsKey("env"));
        case "dev" -> dev(stack, positional.isEmpty() ? "" : positional.get(0));
        case "token" -> System.out.println(token(stack, options));
        case "logs" ->
            logs(stack, positional.isEmpty() ? "" : positional.get(0), options.containsKey("f"));
        case "push" ->
            System.out.println(
                PushSink.describe(
                    PushSink.recordsFile(stack.config().stateDir()), options.containsKey("json")));
        case "mail" -> mail(stack, options.get("to"), options.containsKey("json"));
        case "reset" -> reset(stack, options.containsKey("yes") || options.containsKey("y"));
        default -> {
          System.err.print("unknown command " + args[0] + "\n" + USAGE);
          System.exit(2);
        }
      }
    } catch (LocalStack.StackException | IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      if (args[0].equals("start") && anythingRunning()) {
        System.err.println("       (what did start is still running: deploy/monzie stop)");
      }
      System.exit(1);
    } catch (RuntimeException e) {
      System.err.println("error: " + e);
      System.exit(1);
    }
  }

  private static boolean anythingRunning() {
    try {
      LocalStack stack =
          new LocalStack(StackConfig.defaults(StackConfig.findRepoRoot()), line -> {});
      return stack.components().stream().anyMatch(c -> stack.pid(c).isPresent());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("--port takes a port number, not '" + text + "'");
  }

  private static int parseReplicas(String text) {
    try {
      int replicas = Integer.parseInt(text);
      if (replicas >= 1 && replicas <= 9) {
        return replicas;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("--replicas takes 1 to 9, not '" + text + "'");
  }

  private static void start(LocalStack stack) {
    long began = System.nanoTime();
    stack.trainStartupCaches(true);
    stack.start();
    StackConfig c = stack.config();
    System.out.printf("%nMonzieAI is running (%.1f s)%n%n", (System.nanoTime() - began) / 1e9);
    System.out.println("  API URL                    " + c.apiUrl());
    for (String service : stack.services()) {
      System.out.printf(
          "  %-26s %s/q/swagger-ui%n", service + " Swagger UI", c.serviceUrl(service));
    }
    if (c.replicas() > 1) {
      System.out.println(
          "  instances                  "
              + c.replicas()
              + " of each service, behind the gateway (deploy/monzie status)");
    }
    System.out.println(
        "  service_role token (1 h)   " + stack.serviceRoleToken(Duration.ofHours(1)));
    System.out.println(
        "  RevenueCat webhook secret  " + stack.secrets().getProperty("revenuecat-webhook-secret"));
    System.out.println(
        "  Adapty webhook secret      " + stack.secrets().getProperty("adapty-webhook-secret"));
    System.out.println(
        "  mail (SMTP 127.0.0.1:"
            + c.mailPort()
            + ")      deploy/monzie mail [--to EMAIL] [--json]");
    System.out.println(
        "  logs                       " + c.logs() + "/  (deploy/monzie logs <component> [-f])");
    System.out.println("\n  try: curl -s " + c.apiUrl() + "/v1/scenes?limit=3");
  }

  private static void status(LocalStack stack, boolean env) {
    StackConfig c = stack.config();
    if (env) {
      System.out.println("API_URL=" + c.apiUrl());
      System.out.println("SERVICE_ROLE_TOKEN=" + stack.serviceRoleToken(Duration.ofHours(1)));
      System.out.println(
          "REVENUECAT_WEBHOOK_SECRET=" + stack.secrets().getProperty("revenuecat-webhook-secret"));
      System.out.println(
          "ADAPTY_WEBHOOK_SECRET=" + stack.secrets().getProperty("adapty-webhook-secret"));
      System.out.println(
          "DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:" + c.postgresPort());
      System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + c.kafkaBootstrap());
      System.out.println("MAIL_SMTP=127.0.0.1:" + c.mailPort());
      for (String instance : stack.instances()) { // GENERATION_URL, GENERATION_2_URL, ...
        System.out.println(
            instance.toUpperCase().replace('-', '_') + "_URL=" + c.serviceUrl(instance));
      }
      return;
    }
    System.out.printf("%-13s %-8s %-6s %s%n", "COMPONENT", "PID", "PORT", "HEALTH");
    for (String component : stack.components()) {
      var pid = stack.devPid(component).or(() -> stack.pid(component));
      String state = stack.state(component);
      System.out.printf(
          "%-13s %-8s %-6d %s%n",
          component, pid.map(String::valueOf).orElse("-"), stack.port(component), state);
    }
  }

  private static void dev(LocalStack stack, String service) {
    // MONZIE_DEV_COMMAND (a shell command line, undocumented) stands in for Maven in tests
    String standIn = System.getenv("MONZIE_DEV_COMMAND");
    List<String> command =
        standIn == null || standIn.isBlank()
            ? DevLoop.command(stack.config(), service)
            : List.of("sh", "-c", standIn);
    new DevLoop(stack).run(service, command);
  }

  private static String token(LocalStack stack, Map<String, String> options) {
    String role = options.getOrDefault("role", "");
    if (!role.equals("authenticated") && !role.equals("service_role")) {
      throw new IllegalArgumentException(
          "token --role service_role|authenticated [--sub UUID] [--ttl 1h]");
    }
    String sub = options.getOrDefault("sub", UUID.randomUUID().toString());
    try {
      UUID.fromString(sub); // a user id is a UUID
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sub takes a user id (a UUID), not '" + sub + "'");
    }
    return stack.token(role, sub, tokenTtl(options.getOrDefault("ttl", "1h")));
  }

  /** A token's lifetime from --ttl, refused above what the services accept. */
  static Duration tokenTtl(String text) {
    Duration ttl = parseDuration(text);
    if (ttl.compareTo(MAX_TOKEN_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "--ttl at most 24h: the services refuse tokens that live longer"
              + " (monzie.tokens.max-lifetime)");
    }
    return ttl;
  }

  /** The services' default monzie.tokens.max-lifetime: a longer token would be refused. */
  static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(24);

  static Duration parseDuration(String text) {
    if (!text.matches("[0-9]{1,6}[smhd]")) {
      throw new IllegalArgumentException("--ttl like 15m, 1h or 24h, not '" + text + "'");
    }
    char unit = text.charAt(text.length() - 1);
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (unit) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("--ttl like 15m, 1h or 24h");
    };
  }

  private static void logs(LocalStack stack, String component, boolean follow) {
    Path log = stack.logFile(component);
    if (component.isBlank() || !Files.exists(log)) {
      throw new IllegalArgumentException(
          "no log for '" + component + "'; components: " + stack.components());
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] buffer = new byte[8192];
      while (true) {
        int n = file.read(buffer);
        if (n > 0) {
          System.out.write(buffer, 0, n);
          System.out.flush();
        } else if (!follow) {
          return;
        } else {
          LocalStack.sleep(200);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + log + ": " + e.getMessage());
    }
  }

  private static void mail(LocalStack stack, String to, boolean json) {
    try {
      List<CaughtMails.Mail> mails =
          CaughtMails.read(MailCatcher.mailDir(stack.config()), "true".equals(to) ? null : to);
      System.out.println(json ? CaughtMails.json(mails) : CaughtMails.text(mails));
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static void reset(LocalStack stack, boolean yes) {
    if (!yes && System.console() != null) {
      String answer =
          System.console().readLine("wipe all local data in %s? [y/N] ", stack.config().stateDir());
      if (answer == null || !answer.trim().equalsIgnoreCase("y")) {
        System.out.println("nothing changed");
        return;
      }
    }
    stack.stop();
    try (var paths = Files.walk(stack.config().stateDir())) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (java.nio.file.NoSuchFileException none) {
      // nothing to wipe
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "could not wipe " + stack.config().stateDir() + ": " + e.getMessage());
    }
    System.out.println("local data wiped");
  }

  /** The arguments that are neither options nor option values. */
  static List<String> positional(String[] args) {
    List<String> positional = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("-")) {
        String key = args[i].replaceFirst("^--?", "");
        if (!key.contains("=") && TAKES_VALUE.contains(key) && i + 1 < args.length) {
          i++;
        }
      } else {
        positional.add(args[i]);
      }
    }
    return positional;
  }

  /** Options followed by a value; every other option is a flag. */
  static final java.util.Set<String> TAKES_VALUE =
      java.util.Set.of(
          "role",
          "sub",
          "to",
          "dir",
          "ttl",
          "port",
          "replicas",
          "data",
          "databases",
          "ready-file",
          "routes",
          "ports",
          "header-timeout",
          "idle-timeout");

  /** {@code --key value}, {@code --key=value} and bare {@code --flag} / {@code -f}. */
  static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      if (!arg.startsWith("-")) {
        continue;
      }
      String key = arg.replaceFirst("^--?", "");
      if (key.contains("=")) {
        options.put(key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
      } else if (TAKES_VALUE.contains(key) && i + 1 < list.size()) {
        options.put(key, list.get(++i));
      } else {
        options.put(key, "true");
      }
    }
    return options;
  }
}
