package ai.monzie.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in deploy/contracts validates against its topic's schema, and each has some. */
class ContractExamplesTest {

  static Stream<String> topics() throws Exception {
    try (Stream<Path> files = Files.list(ContractSchemas.contractsDir().resolve("examples"))) {
      return files
          .map(p -> p.getFileName().toString().replace(".json", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("topics")
  void examplesConformToTheirSchema(String topic) {
    var examples = ContractSchemas.examples(topic);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
    for (var example : examples) {
      assertThat(ContractSchemas.validate(topic, example.toString()))
          .as(topic + " " + example)
          .isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("topics")
  void aPayloadMissingARequiredFieldIsRejected(String topic) {
    var example =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            ContractSchemas.examples(topic).get(0).deepCopy();
    String firstRequired = example.fieldNames().next();
    example.remove(firstRequired);
    assertThat(ContractSchemas.validate(topic, example.toString())).isNotEmpty();
  }
}
