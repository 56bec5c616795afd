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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** deploy/routes.yaml: path prefix -> service, the one table the gateway and Helm both use. */
public record RouteTable(Map<String, Integer> servicePorts, List<Route> routes) {

  public record Route(String prefix, String service) {
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
      root.get("routes")
          .forEach(r -> routes.add(new Route(r.get("prefix").asText(), r.get("service").asText())));
      for (Route route : routes) {
        if (!ports.containsKey(route.service())) {
          throw new IllegalArgumentException(
              "route " + route.prefix() + " names unknown service " + route.service());
        }
      }
      // longest prefix first, so a more specific route always wins
      routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
      return new RouteTable(ports, List.copyOf(routes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The same routes with services on other ports: {@code "profile=18081,catalog=18082"}. */
  public RouteTable withPorts(String overrides) {
    Map<String, Integer> ports = new LinkedHashMap<>(servicePorts);
    for (String pair : overrides.split(",")) {
      String[] kv = pair.split("=");
      ports.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
    }
    return new RouteTable(ports, routes);
  }

  /** The service that serves the path, by longest matching prefix. */
  public Optional<String> serviceFor(String path) {
    return routes.stream().filter(r -> r.matches(path)).map(Route::service).findFirst();
  }
}
