package ai.monzie.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/asyncapi.yaml describes exactly the topics that have schemas, each with a DLQ. */
class AsyncApiTest {

  @Test
  void everySchemaHasAChannelAndADeadLetterChannelAndEveryRefResolves() throws Exception {
    Path deploy = ContractSchemas.contractsDir().getParent();
    JsonNode doc =
        new ObjectMapper(new YAMLFactory()).readTree(deploy.resolve("asyncapi.yaml").toFile());
    assertThat(doc.get("asyncapi").asText()).startsWith("3.");
    Set<String> addresses = new HashSet<>();
    doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
    Set<String> topics = new HashSet<>();
    try (Stream<Path> files = Files.list(deploy.resolve("contracts/schemas"))) {
      files
          .map(f -> f.getFileName().toString().replace(".json", ""))
          .filter(t -> !t.equals("cloudevents-headers"))
          .forEach(topics::add);
    }
    assertThat(topics).hasSize(19);
    for (String topic : topics) {
      assertThat(addresses).contains(topic, topic + ".dlq");
    }
    doc.get("components")
        .get("messages")
        .forEach(
            m -> {
              String ref = m.get("payload").get("schema").get("$ref").asText();
              assertThat(deploy.resolve(ref)).exists();
            });
    doc.get("operations")
        .forEach(
            op -> {
              String channel = op.get("channel").get("$ref").asText().replace("#/channels/", "");
              assertThat(doc.get("channels").has(channel)).as(channel).isTrue();
            });
  }
}
