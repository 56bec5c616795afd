package ai.monzie.profile.account;

import ai.monzie.platform.problem.PgErrors;
import ai.monzie.profile.account.AuthRequests.Tokens;
import ai.monzie.profile.profile.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Sign in with Apple or Google: a verified ID token signs in the user its identity (provider, sub)
 * belongs to; a first sign-in links to the account with the token's email only when the provider
 * vouches for the email (email_verified), and otherwise creates an account without a password.
 */
@ApplicationScoped
public class ProviderSignIn {

  private static final Logger LOG = Logger.getLogger(ProviderSignIn.class);

  public enum Provider {
    APPLE("apple", "Apple"),
    GOOGLE("google", "Google");

    final String id;
    final String title;

    Provider(String id, String title) {
      this.id = id;
      this.title = title;
    }
  }

  /** The token pair, and whether an account was created for it (201) or existed (200). */
  public record SignedIn(Tokens tokens, boolean created) {}

  /** What a verified ID token says. */
  record Identity(String subject, String email, boolean emailVerified, String name) {}

  private final Pool pool;
  private final AccountService sessions;
  private final AccountRepository accounts;
  private final ProfileRepository profiles;
  private final AuthConfig config;
  private final Map<Provider, IdTokenVerifier> verifiers = new ConcurrentHashMap<>();

  ProviderSignIn(
      Pool pool,
      AccountService sessions,
      AccountRepository accounts,
      ProfileRepository profiles,
      AuthConfig config) {
    this.pool = pool;
    this.sessions = sessions;
    this.accounts = accounts;
    this.profiles = profiles;
    this.config = config;
  }

  /**
   * @param nonce Apple only: the raw nonce the app gave Apple, whose SHA-256 (hex) the token
   *     carries; a token with a nonce needs it, and a nonce sent needs a token carrying it
   */
  public Uni<SignedIn> signIn(
      Provider provider, String idToken, String nonce, String displayName, String locale) {
    AuthConfig.IdentityProvider settings = settings(provider);
    List<String> clientIds = settings.clientIds().orElse(List.of());
    if (clientIds.isEmpty()) {
      return Uni.createFrom().failure(AuthProblems.providerNotEnabled(provider.title));
    }
    IdTokenVerifier verifier =
        verifiers.computeIfAbsent(
            provider, p -> new IdTokenVerifier(settings.jwksUrl(), settings.issuer(), clientIds));
    // jose4j fetches the JWKS with blocking HTTP: verification runs on a worker thread
    return Uni.createFrom()
        .item(() -> identity(provider, verifier, idToken, nonce))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .flatMap(identity -> signIn(provider, identity, displayName, locale))
        // two first sign-ins in parallel: the loser finds the winner's account on its second go
        .onFailure(e -> PgErrors.is(e, PgErrors.UNIQUE_VIOLATION))
        .recoverWithUni(
            () ->
                Uni.createFrom()
                    .item(() -> identity(provider, verifier, idToken, nonce))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .flatMap(identity -> signIn(provider, identity, displayName, locale)));
  }

  private Uni<SignedIn> signIn(
      Provider provider, Identity identity, String displayName, String locale) {
    return pool.withTransaction(
        tx ->
            accounts
                .findIdentity(tx, provider.id, identity.subject())
                .flatMap(
                    known ->
                        known.isPresent()
                            ? accounts
                                .findById(tx, known.get())
                                .flatMap(user -> session(tx, user.orElseThrow(), false))
                            : firstSignIn(tx, provider, identity, displayName, locale)));
  }

  private Uni<SignedIn> firstSignIn(
      SqlConnection tx, Provider provider, Identity identity, String displayName, String locale) {
    if (identity.email() == null) { // nothing to link or create an account by
      LOG.infof("%s ID token without an email for a new identity: refused", provider.title);
      return Uni.createFrom().failure(AuthProblems.invalidIdToken());
    }
    String email = AccountEmail.Validator.normalise(identity.email());
    return accounts
        .findByEmail(tx, email)
        .flatMap(
            existing -> {
              if (existing.isPresent()) {
                if (!identity.emailVerified()) {
                  // the provider does not vouch for the address: no takeover of that account
                  return Uni.createFrom().failure(AuthProblems.providerEmailTaken());
                }
                AccountRepository.Credentials user = existing.get();
                return accounts
                    .insertIdentity(tx, provider.id, identity.subject(), user.id(), email)
                    .call(() -> profiles.markEmailVerified(tx, user.id()))
                    .flatMap(x -> session(tx, user, false));
              }
              String name = displayName != null ? displayName : identity.name();
              return sessions
                  .createAccount(tx, email, null, null, name, locale, identity.emailVerified())
                  .call(
                      profile ->
                          accounts.insertIdentity(
                              tx, provider.id, identity.subject(), profile.id(), email))
                  .flatMap(
                      profile ->
                          sessions
                              .newSession(tx, profile.id(), email)
                              .map(tokens -> new SignedIn(tokens, true)));
            });
  }

  private Uni<SignedIn> session(
      SqlConnection tx, AccountRepository.Credentials user, boolean created) {
    return sessions
        .newSession(tx, user.id(), user.email())
        .map(tokens -> new SignedIn(tokens, created));
  }

  private Identity identity(
      Provider provider, IdTokenVerifier verifier, String idToken, String nonce) {
    JwtClaims claims;
    try {
      claims = verifier.verify(idToken);
    } catch (InvalidJwtException e) {
      // the reason, never the token
      LOG.infof("%s ID token refused: %s", provider.title, reason(e, idToken));
      throw AuthProblems.invalidIdToken();
    }
    try {
      if (provider == Provider.APPLE) {
        requireNonce(claims, nonce);
      }
      Object verified = claims.getClaimValue("email_verified");
      return new Identity(
          claims.getSubject(),
          claims.getClaimValue("email", String.class),
          Boolean.TRUE.equals(verified) || "true".equals(verified), // Apple sends "true"
          claims.getClaimValue("name") instanceof String name ? name : null);
    } catch (MalformedClaimException e) {
      LOG.infof("%s ID token refused: %s", provider.title, e.getMessage());
      throw AuthProblems.invalidIdToken();
    }
  }

  private static void requireNonce(JwtClaims claims, String nonce) throws MalformedClaimException {
    String carried = claims.getClaimValue("nonce", String.class);
    if (carried == null && nonce == null) {
      return;
    }
    if (carried == null
        || nonce == null
        || !MessageDigest.isEqual(
            carried.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            AccountService.sha256(nonce).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      LOG.info("Apple ID token refused: nonce missing or not the SHA-256 of the one sent");
      throw AuthProblems.invalidIdToken();
    }
  }

  /** Why jose4j refused, without the token (its parse errors quote it). */
  private static String reason(InvalidJwtException e, String idToken) {
    String why =
        e.getErrorDetails().isEmpty()
            ? e.getClass().getSimpleName()
            : e.getErrorDetails().get(0).getErrorMessage();
    return why.replace(idToken, "<id token>");
  }

  private AuthConfig.IdentityProvider settings(Provider provider) {
    return provider == Provider.APPLE ? config.apple() : config.google();
  }
}
