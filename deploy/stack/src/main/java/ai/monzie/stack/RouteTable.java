package ai.monzie.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * deploy/routes.yaml: path prefix -> service (with the largest body the route takes), and the paths
 * that are long-lived streams; the one table the gateway and Helm both use.
 */
public record RouteTable(
    Map<String, Integer> servicePorts, List<Route> routes, Set<String> streams) {

  /** The body limit of a route that names none: JSON requests are small. */
  public static final long DEFAULT_MAX_BODY = 64 * 1024;

  public RouteTable(Map<String, Integer> servicePorts, List<Route> routes) {
    this(servicePorts, routes, Set.of());
  }

  public record Route(String prefix, String service, long maxBody) {
    public Route(String prefix, String service) {
      this(prefix, service, DEFAULT_MAX_BODY);
    }

    boolean matches(String path) {
      return path.equals(prefix) || path.startsWith(prefix + "/");
    }
  }

  public static RouteTable load(Path file) {
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      Map<String, Integer> ports = new LinkedHashMap<>();
      root.get("services")
          .fields()
          .forEachRemaining(e -> ports.put(e.getKey(), e.getValue().get("port").asInt()));
      List<Route> routes = new ArrayList<>();
      for (JsonNode r : root.get("routes")) {
        Route route =
            new Route(
                r.get("prefix").asText(),
                r.get("service").asText(),
                r.hasNonNull("maxBody") ? bytes(r.get("maxBody").asText()) : DEFAULT_MAX_BODY);
        if (!ports.containsKey(route.service())) {
          throw new IllegalArgumentException(
              "route " + route.prefix() + " names unknown service " + route.service());
        }
        checkPublicPrefix(route.prefix());
        routes.add(route);
      }
      Set<String> streams = new LinkedHashSet<>();
      root.path("streams").forEach(s -> streams.add(s.asText()));
      // longest prefix first, so a more specific route always wins
      routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
      return new RouteTable(ports, List.copyOf(routes), Set.copyOf(streams));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * A prefix is canonical (what {@link RequestPath} makes of a path), names a folder below the root
   * and never the services' management paths under /q: a table cannot publish them by mistake.
   */
  static void checkPublicPrefix(String prefix) {
    boolean canonical =
        RequestPath.normalise(prefix) instanceof RequestPath.Canonical c
            && c.path().equals(prefix)
            && !prefix.endsWith("/");
    if (!canonical || prefix.equals("/q") || prefix.startsWith("/q/")) {
      throw new IllegalArgumentException(
          "route prefix " + prefix + " must be a canonical path below / and outside /q");
    }
  }

  /** {@code 64k}, {@code 12m} or a plain number of bytes (k = KiB, m = MiB, as nginx reads it). */
  static long bytes(String size) {
    String s = size.trim().toLowerCase(Locale.ROOT);
    long unit = s.endsWith("k") ? 1024 : s.endsWith("m") ? 1024 * 1024 : 1;
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }

  /** The same routes with services on other ports: {@code "profile=18081,catalog=18082"}. */
  public RouteTable withPorts(String overrides) {
    Map<String, Integer> ports = new LinkedHashMap<>(servicePorts);
    for (String pair : overrides.split(",")) {
      String[] kv = pair.split("=");
      ports.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
    }
    return new RouteTable(ports, routes, streams);
  }

  /** The route that serves a canonical path, by longest matching prefix. */
  public Optional<Route> routeFor(String path) {
    return routes.stream().filter(r -> r.matches(path)).findFirst();
  }

  /** The service that serves the path, by longest matching prefix. */
  public Optional<String> serviceFor(String path) {
    return routeFor(path).map(Route::service);
  }

  /** Whether the canonical path is a long-lived stream (see routes.yaml). */
  public boolean isStream(String path) {
    return streams.contains(path);
  }
}
