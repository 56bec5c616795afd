package ai.monzie.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The event contract of {@code deploy/contracts}: producers' tests validate what they wrote,
 * consumers' tests read the examples. One contract, both sides tested against it.
 */
public final class ContractSchemas {
  private ContractSchemas() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code deploy/contracts}, found from the module's working directory upwards. */
  public static Path contractsDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("deploy/contracts");
      if (Files.isDirectory(candidate.resolve("schemas"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "deploy/contracts not found above " + Path.of("").toAbsolutePath());
  }

  /** The schema errors of a payload for the topic; empty when it conforms. */
  public static List<String> validate(String topic, String payloadJson) {
    try {
      Path file = contractsDir().resolve("schemas/" + topic + ".json");
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      Schema schema = registry.getSchema(Files.readString(file));
      List<String> messages = new ArrayList<>();
      for (Error error : schema.validate(payloadJson, com.networknt.schema.InputFormat.JSON)) {
        messages.add(error.toString());
      }
      return messages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example payloads for the topic ({@code deploy/contracts/examples/<topic>.json}). */
  public static List<JsonNode> examples(String topic) {
    try {
      JsonNode array =
          JSON.readTree(contractsDir().resolve("examples/" + topic + ".json").toFile());
      List<JsonNode> list = new ArrayList<>();
      array.forEach(list::add);
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
