package ai.monzie.catalog.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain JUnit: how listing parameters are read, and which ones are a 400 naming the field. */
class SceneQueryTest {

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private static SceneQuery parse(
      String category, String premium, String q, String sort, String limit, String cursor) {
    return SceneQuery.parse(
        category, null, premium, q, sort, limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
  }

  @Test
  void noParametersMeanTheDefaultOrderAndPageSize() {
    SceneQuery query = parse(null, null, null, null, null, null);

    assertThat(query)
        .isEqualTo(
            new SceneQuery(null, null, null, null, SceneQuery.Sort.ORDER, DEFAULT_LIMIT, null));
  }

  @Test
  void valuesAreTrimmedAndBlankOnesIgnored() {
    SceneQuery query = parse("  outdoor ", "true", "   ", "popular", "100", " ");

    assertThat(query.category()).isEqualTo("outdoor");
    assertThat(query.premium()).isTrue();
    assertThat(query.q()).isNull();
    assertThat(query.sort()).isEqualTo(SceneQuery.Sort.POPULAR);
    assertThat(query.limit()).isEqualTo(MAX_LIMIT);
    assertThat(query.after()).isNull();
  }

  @Test
  void aCursorReadsBackAsTheRowItWasMadeFrom() {
    SceneQuery.Cursor cursor = new SceneQuery.Cursor(42, UUID.randomUUID());

    assertThat(parse(null, null, null, null, null, cursor.encode()).after()).isEqualTo(cursor);
  }

  @ParameterizedTest
  @CsvSource({
    "premium, yes, , , ",
    "sort, , newest, , ",
    "limit, , , 0, ",
    "limit, , , 101, ",
    "limit, , , ten, ",
    "cursor, , , , not-a-cursor",
    "cursor, , , , bm90LWEtbnVtYmVyOnh5eg",
  })
  void aBadValueIsAValidationProblemNamingItsParameter(
      String field, String premium, String sort, String limit, String cursor) {
    assertThatThrownBy(() -> parse(null, premium, null, sort, limit, cursor))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
              assertThat(e.extensions()).containsEntry("field", field);
            });
  }

  @Test
  void aSearchLongerThan200CharactersIsRefused() {
    assertThat(parse(null, null, "x".repeat(200), null, null, null).q()).hasSize(200);
    assertThatThrownBy(() -> parse(null, null, "x".repeat(201), null, null, null))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.extensions()).containsEntry("field", "q"));
  }
}
