package ai.monzie.profile.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sign-up email constraint on its own, without Quarkus. */
class AccountEmailTest {

  private final AccountEmail.Validator validator = new AccountEmail.Validator();

  @ParameterizedTest
  @ValueSource(strings = {"ada@example.com", "  Ada@Example.COM  ", "a.b+c@mail.example.org"})
  void acceptsAddressesOnceTrimmedAndLowerCased(String email) {
    assertThat(validator.isValid(email, null)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-at-sign", "a@b", "two@@example.com", " ", "", "a@b.c", "\u2003"})
  void rejectsWhatIsNotShapedLikeAnAddress(String email) {
    assertThat(validator.isValid(email, null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {65})
  void rejectsALocalPartOverSixtyFourCharacters(int length) {
    assertThat(validator.isValid("a".repeat(length) + "@example.com", null)).isFalse();
    assertThat(validator.isValid("a".repeat(length - 1) + "@example.com", null)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {AccountEmail.MAX_LENGTH})
  void rejectsAnAddressOverTheMaximumLength(int max) {
    String domain = "d".repeat(max - "a@.com".length()) + ".com";
    assertThat(validator.isValid("a@" + domain, null)).isTrue();
    assertThat(validator.isValid("a@x" + domain, null)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"  Ada@Example.COM\t"})
  void normalisesToOneSpelling(String email) {
    assertThat(AccountEmail.Validator.normalise(email)).isEqualTo("ada@example.com");
  }
}
