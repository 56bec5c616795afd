package ai.monzie.profile.account;

import ai.monzie.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;

/**
 * What a sign-up password must be. Pure logic (no Quarkus), so each rule is tested on its own in
 * {@code PasswordRulesTest}; the first rule broken becomes the {@code invalid} problem on field
 * {@code password}.
 */
public final class PasswordRules {

  /** bcrypt reads only the first 72 bytes: a longer password would be silently truncated. */
  static final int MAX_BYTES = 72;

  private final int minLength;

  public PasswordRules(int minLength) {
    this.minLength = minLength;
  }

  /**
   * Throws the {@code invalid} problem for the first rule {@code password} breaks.
   *
   * @param email the normalised (trimmed, lower-case) email of the account, containing an {@code @}
   */
  public void require(String password, String email) {
    if (password == null) {
      throw invalid("required");
    }
    if (password.length() < minLength) {
      throw invalid("at least " + minLength + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw invalid("at most " + MAX_BYTES + " bytes");
    }
    if (!password.chars().anyMatch(Character::isLetter)
        || !password.chars().anyMatch(Character::isDigit)) {
      throw invalid("use letters and digits");
    }
    if (password.equalsIgnoreCase(email)
        || password.equalsIgnoreCase(email.substring(0, email.indexOf('@')))) {
      throw invalid("must not be your email");
    }
  }

  private static ProblemException invalid(String why) {
    return ProblemException.invalid("password", why);
  }
}
