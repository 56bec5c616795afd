package ai.monzie.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

  record Request(String style, Long seed, Integer count, Double strength, Boolean flag) {}

  record Tags(List<String> tags, Map<String, Integer> weights) {}

  static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    new StrictJson().customize(mapper);
    return mapper;
  }

  @Test
  void numbersAreReadAsDeclared() throws Exception {
    Request ok =
        mapper()
            .readValue(
                "{\"style\":\"x\",\"seed\":7,\"count\":2,\"strength\":0.5,\"flag\":true}",
                Request.class);
    assertThat(ok.seed()).isEqualTo(7L);
    assertThat(ok.strength()).isEqualTo(0.5);
    assertThat(mapper().readValue("{\"strength\":1}", Request.class).strength()).isEqualTo(1.0);
  }

  @Test
  void aFloatForAnIntegerIsRefusedNotTruncated() {
    assertThatThrownBy(() -> mapper().readValue("{\"seed\":1.5}", Request.class))
        .isInstanceOf(MismatchedInputException.class)
        .hasMessageContaining("seed");
    assertThatThrownBy(() -> mapper().readValue("{\"count\":2.0}", Request.class))
        .isInstanceOf(MismatchedInputException.class);
  }

  @Test
  void stringsBooleansAndNumbersDoNotTurnIntoEachOther() {
    for (String body :
        List.of(
            "{\"seed\":\"7\"}",
            "{\"seed\":\"\"}",
            "{\"seed\":true}",
            "{\"strength\":\"0.5\"}",
            "{\"flag\":\"true\"}",
            "{\"flag\":1}",
            "{\"style\":5}",
            "{\"style\":1.5}",
            "{\"style\":false}")) {
      assertThatThrownBy(() -> mapper().readValue(body, Request.class))
          .as(body)
          .isInstanceOf(MismatchedInputException.class);
    }
  }

  @Test
  void nulAndLoneSurrogatesAreRefusedInValuesKeysAndTrees() {
    for (String body :
        List.of(
            "{\"style\":\"a\\u0000b\"}",
            "{\"style\":\"\\ud800\"}",
            "{\"style\":\"x\\udc00y\"}",
            "{\"style\":\"\\udbff\\u0041\"}")) {
      assertThatThrownBy(() -> mapper().readValue(body, Request.class))
          .as(body)
          .isInstanceOf(UnsafeTextException.class);
    }
    assertThatThrownBy(() -> mapper().readValue("{\"tags\":[\"ok\",\"\\u0000\"]}", Tags.class))
        .isInstanceOf(UnsafeTextException.class);
    assertThatThrownBy(() -> mapper().readValue("{\"weights\":{\"k\\u0000\":1}}", Tags.class))
        .isInstanceOf(UnsafeTextException.class);
    assertThatThrownBy(() -> mapper().readValue("{\"a\":[{\"b\":\"\\u0000\"}]}", JsonNode.class))
        .isInstanceOf(UnsafeTextException.class)
        .satisfies(
            e ->
                assertThat(((UnsafeTextException) e).getPathReference())
                    .contains("\"a\"")
                    .contains("[0]")
                    .contains("\"b\""));
    assertThatThrownBy(() -> mapper().readValue("{\"k\\u0000\":1}", JsonNode.class))
        .isInstanceOf(UnsafeTextException.class);
    assertThatThrownBy(() -> mapper().readTree("{\"k\":\"\\ud83d\"}"))
        .isInstanceOf(UnsafeTextException.class);
  }

  @Test
  void pairedSurrogatesAndOrdinaryTextPass() throws Exception {
    JsonNode tree =
        mapper().readValue("{\"emoji\":\"\\ud83d\\ude00 ok\",\"n\":null}", JsonNode.class);
    assertThat(tree.get("emoji").asText()).isEqualTo("\uD83D\uDE00 ok");
    assertThat(mapper().readValue("null", JsonNode.class).isNull()).isTrue();
    assertThat(mapper().readValue("{\"style\":\"Ünïcødé 😀\"}", Request.class).style())
        .isEqualTo("Ünïcødé 😀");
  }
}
