package ai.monzie.profile.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies and answers of /v1/auth (snake_case on the wire). */
public final class AuthRequests {
  private AuthRequests() {}

  /**
   * A sign-up as sent. Its shape is checked by Bean Validation before the service runs (each
   * violation becomes the {@code invalid} problem naming the field); the password rules need the
   * configured minimum and the email, so {@link PasswordRules} checks them in the service.
   */
  public record Signup(
      @Schema(required = true, format = "email", maxLength = AccountEmail.MAX_LENGTH)
          @NotBlank(message = "required")
          @AccountEmail
          String email,
      @Schema(
              required = true,
              minLength = 8,
              maxLength = PasswordRules.MAX_BYTES,
              description =
                  "At least monzie.auth.password-min-length (8) characters, at most 72 bytes;"
                      + " letters and digits; not the email")
          String password,
      @Schema(
              nullable = true,
              enumeration = {"male", "female"})
          @Pattern(regexp = "male|female", message = "must be male or female")
          String gender,
      @Schema(nullable = true, maxLength = 80) @Size(max = 80, message = "at most 80 characters")
          String displayName) {}

  public record TokenRequest(
      @Schema(
              required = true,
              enumeration = {"password", "refresh_token"})
          String grantType,
      @Schema(description = "For grant_type=password") String email,
      @Schema(description = "For grant_type=password") String password,
      @Schema(description = "For grant_type=refresh_token") String refreshToken) {}

  public record Logout(
      @Schema(nullable = true, description = "Also revoke this refresh token's session")
          String refreshToken) {}

  public record ForgotPassword(
      @Schema(required = true, format = "email", maxLength = AccountEmail.MAX_LENGTH)
          @NotBlank(message = "required")
          @AccountEmail
          String email) {}

  public record ResetPassword(
      @Schema(required = true, description = "The code from the reset mail's link")
          @NotBlank(message = "required")
          String token,
      @Schema(
              required = true,
              minLength = 8,
              maxLength = PasswordRules.MAX_BYTES,
              description = "The sign-up password rules")
          String newPassword) {}

  public record ChangePassword(
      @Schema(required = true) @NotBlank(message = "required") String currentPassword,
      @Schema(
              required = true,
              minLength = 8,
              maxLength = PasswordRules.MAX_BYTES,
              description = "The sign-up password rules")
          String newPassword) {}

  public record VerifyEmail(
      @Schema(required = true, description = "The code from the verification mail's link")
          @NotBlank(message = "required")
          String token) {}

  public record AppleSignIn(
      @Schema(required = true, description = "The identityToken Apple gave the app")
          @NotBlank(message = "required")
          String idToken,
      @Schema(
              nullable = true,
              description =
                  "The raw nonce the app passed to Apple (hashed with SHA-256 into the token)")
          String nonce,
      @Schema(
              nullable = true,
              maxLength = 80,
              description =
                  "Apple tells the name only on the first sign-in; used for a new account")
          @Size(max = 80, message = "at most 80 characters")
          String displayName) {}

  public record GoogleSignIn(
      @Schema(required = true, description = "The idToken Google Sign-In gave the app")
          @NotBlank(message = "required")
          String idToken) {}

  public record User(UUID id, String email) {}

  public record Tokens(
      String accessToken, String tokenType, long expiresIn, String refreshToken, User user) {}
}
