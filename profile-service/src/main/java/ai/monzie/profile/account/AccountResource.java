package ai.monzie.profile.account;

import ai.monzie.platform.http.Caller;
import ai.monzie.platform.http.ClientAddress;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.profile.account.AuthRequests.Logout;
import ai.monzie.profile.account.AuthRequests.Signup;
import ai.monzie.profile.account.AuthRequests.TokenRequest;
import ai.monzie.profile.account.AuthRequests.Tokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "auth", description = "Accounts and tokens")
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

  private final AccountService accounts;
  private final JsonWebToken jwt;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  AccountResource(
      AccountService accounts, JsonWebToken jwt, com.fasterxml.jackson.databind.ObjectMapper json) {
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
          "Creates the account and its profile and signs it in: answers with an access and a refresh token.")
  @APIResponse(
      responseCode = "201",
      description = "Created and signed in",
      content =
          @Content(mediaType = "application/json", schema = @Schema(implementation = Tokens.class)))
  @APIResponse(responseCode = "409", description = "This email is registered already")
  @APIResponse(
      responseCode = "429",
      description = "Too many sign-ups from this client or for this email (Retry-After: seconds)")
  public Uni<Response> signUp(@NotNull @Valid Signup body, @Context HttpServerRequest request) {
    return accounts
        .signUp(body, ClientAddress.of(request))
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
}
