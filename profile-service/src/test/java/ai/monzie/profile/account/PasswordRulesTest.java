package ai.monzie.profile.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.monzie.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** Each sign-up password rule on its own, without Quarkus. */
class PasswordRulesTest {

  private static final String EMAIL = "ada@example.com";
  private final PasswordRules rules = new PasswordRules(8);

  @Test
  void acceptsLettersAndDigitsOfTheMinimumLength() {
    assertThatCode(() -> rules.require("abcdefg1", EMAIL)).doesNotThrowAnyException();
  }

  @Test
  void rejectsAMissingPassword() {
    assertThat(reason(null)).isEqualTo("password: required");
  }

  @Test
  void rejectsOneCharacterBelowTheConfiguredMinimum() {
    assertThat(reason("abcdef1")).isEqualTo("password: at least 8 characters");
    assertThat(catchThrowableOfType(ProblemException.class, () -> rules.require("abcdef1", EMAIL)))
        .extracting(e -> e.extensions().get("field"))
        .isEqualTo("password");
  }

  @Test
  void theMinimumComesFromConfiguration() {
    assertThat(reason(new PasswordRules(12), "abcdefghij1"))
        .isEqualTo("password: at least 12 characters");
    assertThatCode(() -> new PasswordRules(4).require("abc1", EMAIL)).doesNotThrowAnyException();
  }

  @Test
  void rejectsMoreThan72BytesEvenWhenFewerCharacters() {
    String seventyTwo = "a1".repeat(36);
    assertThatCode(() -> rules.require(seventyTwo, EMAIL)).doesNotThrowAnyException();
    assertThat(reason(seventyTwo + "b")).isEqualTo("password: at most 72 bytes");
    // 25 characters of 3 bytes each: 75 bytes, which bcrypt would truncate
    assertThat(reason("1" + "€".repeat(24))).isEqualTo("password: at most 72 bytes");
  }

  @Test
  void rejectsOnlyLetters() {
    assertThat(reason("onlyletters")).isEqualTo("password: use letters and digits");
  }

  @Test
  void rejectsOnlyDigits() {
    assertThat(reason("12345678901")).isEqualTo("password: use letters and digits");
  }

  @Test
  void rejectsTheEmailOrItsLocalPartInAnyCase() {
    assertThat(reasonFor("ada2@example.com", "ADA2@EXAMPLE.COM"))
        .isEqualTo("password: must not be your email");
    assertThat(reasonFor("ada2bob9@example.com", "Ada2Bob9"))
        .isEqualTo("password: must not be your email");
  }

  private String reason(String password) {
    return reason(rules, password);
  }

  private static String reason(PasswordRules rules, String password) {
    return catchThrowableOfType(ProblemException.class, () -> rules.require(password, EMAIL))
        .getMessage();
  }

  private String reasonFor(String email, String password) {
    return catchThrowableOfType(ProblemException.class, () -> rules.require(password, email))
        .getMessage();
  }
}
