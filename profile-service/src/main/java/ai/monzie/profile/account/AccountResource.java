package ai.monzie.profile.account;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.ClientAddress;
import ai.monzie.platform.problem.Problem;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.profile.account.AuthRequests.AppleSignIn;
import ai.monzie.profile.account.AuthRequests.ChangePassword;
import ai.monzie.profile.account.AuthRequests.ForgotPassword;
import ai.monzie.profile.account.AuthRequests.GoogleSignIn;
import ai.monzie.profile.account.AuthRequests.Logout;
import ai.monzie.profile.account.AuthRequests.ResetPassword;
import ai.monzie.profile.account.AuthRequests.Signup;
import ai.monzie.profile.account.AuthRequests.TokenRequest;
import ai.monzie.profile.account.AuthRequests.Tokens;
import ai.monzie.profile.account.AuthRequests.VerifyEmail;
import ai.monzie.profile.mail.AccountMails;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "auth", description = "Accounts and tokens")
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

  /** The one answer to "forgot password", whether the email has an account or not. */
  public record ResetRequested(String message) {
    static final ResetRequested ANSWER =
        new ResetRequested(
            "If an account uses this email, a mail with a reset link is on its way.");
  }

  private final AccountService accounts;
  private final ProviderSignIn providers;
  private final PasswordService passwords;
  private final EmailVerification verification;
  private final JsonWebToken jwt;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  AccountResource(
      AccountService accounts,
      ProviderSignIn providers,
      PasswordService passwords,
      EmailVerification verification,
      JsonWebToken jwt,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    this.providers = providers;
    this.passwords = passwords;
    this.verification = verification;
    this.json = json;
    this.accounts = accounts;
    this.jwt = jwt;
  }

  @POST
  @Path("/signup")
  @PermitAll
  @Operation(
      operationId = "signUp",
      summary = "Create an account",
      description =
          "Creates the account and its profile and signs it in: answers with an access and a refresh token. A verification mail goes to the email, in the language of Accept-Language (en or tr; en otherwise).")
  @APIResponse(responseCode = "201", ref = AccountApi.CREATED)
  @APIResponse(responseCode = "409", description = "This email is registered already")
  @APIResponse(
      responseCode = "429",
      description = "Too many sign-ups from this client or for this email (Retry-After: seconds)")
  public Uni<Response> signUp(
      @NotNull @Valid Signup body,
      @Context HttpServerRequest request,
      @HeaderParam("Accept-Language") @Parameter(description = "en or tr: the mails' language")
          String acceptLanguage) {
    return accounts
        .signUp(body, ClientAddress.of(request), AccountMails.localeOf(acceptLanguage))
        .map(tokens -> Response.status(Response.Status.CREATED).entity(tokens).build());
  }

  @POST
  @Path("/token")
  @PermitAll
  @Operation(
      operationId = "createToken",
      summary = "Sign in or refresh",
      description =
          "grant_type=password (email, password) or grant_type=refresh_token (refresh_token, rotated: each is used once; a reused one revokes its session).")
  @APIResponse(
      responseCode = "200",
      description = "New tokens",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Tokens.class)))
  @APIResponse(
      responseCode = "401",
      description =
          "Wrong email or password, or a refresh token that is invalid, expired or revoked")
  @APIResponse(
      responseCode = "403",
      description =
          "Right password, but the email is not verified (only with monzie.auth.require-verified-email=true)")
  @APIResponse(
      responseCode = "429",
      description = "Too many failed sign-ins for this email or client (Retry-After: seconds)")
  public Uni<Tokens> token(@NotNull TokenRequest body, @Context HttpServerRequest request) {
    String grant = body.grantType() == null ? "" : body.grantType();
    return switch (grant) {
      case "password" -> accounts.signIn(body.email(), body.password(), ClientAddress.of(request));
      case "refresh_token" -> accounts.refresh(body.refreshToken());
      default -> throw ProblemException.invalid("grant_type", "must be password or refresh_token");
    };
  }

  @POST
  @Path("/logout")
  @RolesAllowed(TokenIssuer.AUTHENTICATED)
  @jakarta.ws.rs.Consumes(MediaType.WILDCARD)
  @Operation(
      operationId = "logout",
      summary = "Sign out",
      description = "Revokes this session's refresh tokens. The body is optional.")
  @RequestBody(
      required = false,
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Logout.class)))
  @APIResponse(responseCode = "204", description = "Signed out")
  public Uni<Response> logout(String body) {
    // the body is optional ({"refresh_token": ...}); apps often send none, with no content type
    String refreshToken = null;
    if (body != null && !body.isBlank()) {
      try {
        refreshToken = json.readValue(body, Logout.class).refreshToken();
      } catch (java.io.IOException e) {
        throw ProblemException.invalid("body", "send {\"refresh_token\": \"...\"} or nothing");
      }
    }
    String sid = jwt.getClaim("sid");
    return accounts
        .signOut(Caller.id(jwt), sid, refreshToken)
        .replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/password/forgot")
  @PermitAll
  @Operation(
      operationId = "forgotPassword",
      summary = "Mail a password reset link",
      description =
          "When the email has an account, mails it a link with a one-time code (valid 30 minutes; a newer one ends the older). The answer is the same, and as fast, for an email without an account.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted (whether or not the email has an account)",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ResetRequested.class)))
  @APIResponse(
      responseCode = "429",
      description = "Too many reset requests for this email or client (Retry-After: seconds)")
  public Uni<Response> forgotPassword(
      @NotNull @Valid ForgotPassword body, @Context HttpServerRequest request) {
    return passwords
        .forgot(body.email(), ClientAddress.of(request))
        .replaceWith(Response.accepted(ResetRequested.ANSWER).build());
  }

  @POST
  @Path("/password/reset")
  @PermitAll
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "resetPassword",
      summary = "Set a new password from a reset mail",
      description =
          "Uses the mailed code (once) and sets the new password (the sign-up rules). Every session of the account ends: its refresh tokens are revoked and its access tokens refused.")
  @APIResponse(responseCode = "204", description = "Password set; sign in with it")
  @APIResponse(
      responseCode = "400",
      description =
          "The code is unknown, used, superseded or expired (one answer for all), or the password breaks a rule")
  public Uni<Response> resetPassword(@NotNull @Valid ResetPassword body) {
    return passwords
        .reset(body.token(), body.newPassword())
        .replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/password/change")
  @RolesAllowed(TokenIssuer.AUTHENTICATED)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "changePassword",
      summary = "Change your password",
      description =
          "With the current password. Every other session of the account ends; this one goes on.")
  @APIResponse(responseCode = "204", description = "Password changed")
  @APIResponse(responseCode = "400", description = "The new password breaks a rule")
  @APIResponse(
      responseCode = "401",
      description = "Wrong current password (counts as a failed sign-in)")
  @APIResponse(
      responseCode = "429",
      description = "Too many failed attempts (Retry-After: seconds)")
  public Uni<Response> changePassword(
      @NotNull @Valid ChangePassword body, @Context HttpServerRequest request) {
    return passwords
        .change(
            Caller.id(jwt),
            jwt.getClaim("sid"),
            body.currentPassword(),
            body.newPassword(),
            ClientAddress.of(request))
        .replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/email/verify")
  @PermitAll
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "verifyEmail",
      summary = "Confirm the email from the verification mail",
      description = "Then email_verified is true in GET /v1/profiles/me.")
  @APIResponse(responseCode = "204", description = "Verified")
  @APIResponse(
      responseCode = "400",
      description = "The code is unknown, used, superseded or expired (one answer for all)")
  public Uni<Response> verifyEmail(@NotNull @Valid VerifyEmail body) {
    return verification.verify(body.token()).replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/email/resend")
  @RolesAllowed(TokenIssuer.AUTHENTICATED)
  @jakarta.ws.rs.Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      operationId = "resendVerificationEmail",
      summary = "Send the verification mail again",
      description = "A new link; the older one stops working. No body.")
  @APIResponse(responseCode = "204", description = "Mail queued")
  @APIResponse(responseCode = "409", description = "The email is verified already")
  @APIResponse(
      responseCode = "429",
      description = "Too many verification mails asked for (Retry-After: seconds)")
  public Uni<Response> resendVerification() {
    return verification.resend(Caller.id(jwt)).replaceWith(Response.noContent().build());
  }

  @POST
  @Path("/signin/apple")
  @PermitAll
  @Operation(
      operationId = "signInWithApple",
      summary = "Sign in with Apple",
      description =
          "Verifies Apple's ID token (JWKS, RS256, issuer, audience = a configured client id, expiry; with a nonce, the token's nonce must be its SHA-256 in hex). The Apple identity signs in its account; a first sign-in links to the account with the token's email when Apple says it is verified (private-relay addresses included), otherwise creates an account without a password (set one by the reset flow).")
  @APIResponse(responseCode = "200", ref = AccountApi.SIGNED_IN)
  @APIResponse(responseCode = "201", ref = AccountApi.CREATED)
  @APIResponse(responseCode = "401", ref = AccountApi.ID_TOKEN_INVALID)
  @APIResponse(
      responseCode = "404",
      description = "Sign in with Apple is not enabled (no monzie.auth.apple.client-ids)")
  @APIResponse(responseCode = "409", ref = AccountApi.EMAIL_NOT_VERIFIED_BY_PROVIDER)
  public Uni<Response> signInWithApple(
      @NotNull @Valid AppleSignIn body,
      @HeaderParam("Accept-Language") @Parameter(description = "en or tr: the mails' language")
          String acceptLanguage) {
    return providers
        .signIn(
            ProviderSignIn.Provider.APPLE,
            body.idToken(),
            body.nonce(),
            body.displayName(),
            AccountMails.localeOf(acceptLanguage))
        .map(AccountResource::signedIn);
  }

  @POST
  @Path("/signin/google")
  @PermitAll
  @Operation(
      operationId = "signInWithGoogle",
      summary = "Sign in with Google",
      description =
          "Verifies Google's ID token (JWKS, RS256, issuer, audience = a configured client id, expiry). The Google identity signs in its account; a first sign-in links to the account with the token's email only when email_verified is true, otherwise creates an account without a password.")
  @APIResponse(responseCode = "200", ref = AccountApi.SIGNED_IN)
  @APIResponse(responseCode = "201", ref = AccountApi.CREATED)
  @APIResponse(responseCode = "401", ref = AccountApi.ID_TOKEN_INVALID)
  @APIResponse(
      responseCode = "404",
      description = "Sign in with Google is not enabled (no monzie.auth.google.client-ids)")
  @APIResponse(responseCode = "409", ref = AccountApi.EMAIL_NOT_VERIFIED_BY_PROVIDER)
  public Uni<Response> signInWithGoogle(
      @NotNull @Valid GoogleSignIn body,
      @HeaderParam("Accept-Language") @Parameter(description = "en or tr: the mails' language")
          String acceptLanguage) {
    return providers
        .signIn(
            ProviderSignIn.Provider.GOOGLE,
            body.idToken(),
            null,
            null,
            AccountMails.localeOf(acceptLanguage))
        .map(AccountResource::signedIn);
  }

  private static Response signedIn(ProviderSignIn.SignedIn signedIn) {
    return Response.status(signedIn.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(signedIn.tokens())
        .build();
  }
}
