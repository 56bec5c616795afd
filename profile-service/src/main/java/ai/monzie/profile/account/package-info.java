/**
 * Accounts and tokens. Its {@code @OpenAPIDefinition} (the service's one: SmallRye reads it only on
 * a package or a JAX-RS Application) declares once the answers the sign-in routes (sign-up, Apple,
 * Google) give alike ({@link ai.monzie.profile.account.AccountApi} names them); {@code
 * ApiContractFilter} writes them into each operation that names them by {@code ref}. Its info is
 * required by the annotation; application.properties ({@code quarkus.smallrye-openapi.info-*}) sets
 * what is served.
 */
@OpenAPIDefinition(
    info = @Info(title = "MonzieAI profile-service", version = "1.0.0"),
    components =
        @Components(
            responses = {
              @APIResponse(
                  name = AccountApi.SIGNED_IN,
                  description = "Signed in to an existing account",
                  content =
                      @Content(
                          mediaType = "application/json",
                          schema = @Schema(implementation = Tokens.class))),
              @APIResponse(
                  name = AccountApi.CREATED,
                  description = "An account was created and signed in",
                  content =
                      @Content(
                          mediaType = "application/json",
                          schema = @Schema(implementation = Tokens.class))),
              @APIResponse(
                  name = AccountApi.ID_TOKEN_INVALID,
                  description =
                      "The ID token is not valid for this app (one answer for every reason)"),
              @APIResponse(
                  name = AccountApi.EMAIL_NOT_VERIFIED_BY_PROVIDER,
                  description =
                      "The email has a password account and the provider does not say the email is"
                          + " verified")
            }))
package ai.monzie.profile.account;

import ai.monzie.profile.account.AuthRequests.Tokens;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
