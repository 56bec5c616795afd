package ai.monzie.stack;

import ai.monzie.infra.Ports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Before anything starts: the ports the components not running yet need must be free, and when one
 * is not, the error names every such port and what listens there.
 */
final class PortCheck {

  private final StackConfig config;

  PortCheck(StackConfig config) {
    this.config = config;
  }

  /** The ports of the components that do not run yet, each with its component. */
  Map<Integer, String> neededPorts(List<String> components, Predicate<String> running) {
    Map<Integer, String> needed = new LinkedHashMap<>();
    for (String component : components) {
      if (!running.test(component)) {
        needed.put(config.port(component), component);
        if (component.equals(LocalStack.KAFKA)) {
          needed.put(config.kafkaControllerPort(), "kafka controller");
        }
      }
    }
    return needed;
  }

  /** Fails, naming every needed port in use and what listens there. */
  void requireFree(Map<Integer, String> needed) {
    List<String> taken = new ArrayList<>();
    needed.forEach(
        (port, component) -> {
          if (Ports.isOpen("127.0.0.1", port)) {
            String owner = PortOwners.describe(port).orElse("another program");
            String hint =
                owner.contains(config.stateDir().toString())
                        || owner.contains(config.repoRoot().toString())
                    ? " — a leftover of an earlier local stack: deploy/monzie stop"
                    : component.equals(LocalStack.GATEWAY)
                        ? " — stop it, or choose another port: deploy/monzie start --port N"
                        : " — stop it first";
            taken.add("port " + port + " (" + component + ") is already in use by " + owner + hint);
          }
        });
    if (!taken.isEmpty()) {
      throw new LocalStack.StackException(String.join("\n       ", taken));
    }
  }
}
