package ai.monzie.profile.account;

import java.util.UUID;

/** The bodies and answers of /v1/auth (snake_case on the wire). */
public final class AuthRequests {
  private AuthRequests() {}

  public record Signup(String email, String password, String gender, String displayName) {}

  public record TokenRequest(
      String grantType, String email, String password, String refreshToken) {}

  public record Logout(String refreshToken) {}

  public record User(UUID id, String email) {}

  public record Tokens(
      String accessToken, String tokenType, long expiresIn, String refreshToken, User user) {}
}
