package ai.monzie.profile.account;

import ai.monzie.platform.auth.Revocations;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.PgErrors;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.profile.account.AuthRequests.Signup;
import ai.monzie.profile.account.AuthRequests.Tokens;
import ai.monzie.profile.profile.Profile;
import ai.monzie.profile.profile.ProfileRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sign-up, sign-in, refresh with rotation and reuse detection, sign-out. */
@ApplicationScoped
public class AccountService {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final AccountRepository accounts;
  private final ProfileRepository profiles;
  private final PasswordHasher hasher;
  private final TokenIssuer issuer;
  private final OutboxWriter outbox;
  private final AuthConfig config;
  private final JwtConfig jwt;
  private final Throttle throttle;
  private final Revocations revocations;
  private final EmailVerification verification;

  AccountService(
      Pool pool,
      AccountRepository accounts,
      ProfileRepository profiles,
      PasswordHasher hasher,
      TokenIssuer issuer,
      OutboxWriter outbox,
      AuthConfig config,
      JwtConfig jwt,
      Throttle throttle,
      Revocations revocations,
      EmailVerification verification) {
    this.verification = verification;
    this.revocations = revocations;
    this.jwt = jwt;
    this.throttle = throttle;
    this.pool = pool;
    this.accounts = accounts;
    this.profiles = profiles;
    this.hasher = hasher;
    this.issuer = issuer;
    this.outbox = outbox;
    this.config = config;
  }

  /**
   * The user, the profile and {@code user.signed-up} are written in ONE transaction. Each sign-up
   * (taken email or not) counts against its client address and its email, so one client can neither
   * mint accounts nor probe which emails exist at full speed.
   */
  public Uni<Tokens> signUp(Signup in, String client, String locale) {
    String email =
        AccountEmail.Validator.normalise(in.email()); // its shape was checked on the Signup
    new PasswordRules(config.passwordMinLength()).require(in.password(), email);
    String refresh = newRefreshToken();
    UUID family = UUID.randomUUID();
    Duration window = config.signupWindow();
    return throttle
        .take(
            List.of(
                new Throttle.Limit(
                    room("signup:client", client), config.maxSignupsPerClient(), window, false),
                new Throttle.Limit(
                    room("signup:email", email), config.maxSignupsPerEmail(), window, false)))
        .onFailure(Throttle.Throttled.class)
        .transform(e -> AuthProblems.tooManySignups(((Throttle.Throttled) e).retryAfterSeconds()))
        .flatMap(x -> hasher.hash(in.password()))
        .flatMap(
            hash ->
                pool.withTransaction(
                    tx ->
                        createAccount(tx, email, hash, in.gender(), in.displayName(), locale, false)
                            .call(
                                profile -> verification.queueMail(tx, profile.id(), email, locale))
                            .call(
                                profile ->
                                    accounts.insertRefreshToken(
                                        tx,
                                        profile.id(),
                                        family,
                                        sha256(refresh),
                                        jwt.refreshTokenTtl()))))
        .onFailure(e -> PgErrors.is(e, PgErrors.UNIQUE_VIOLATION))
        .transform(e -> AuthProblems.emailTaken())
        .map(profile -> tokens(profile.id(), email, family, refresh));
  }

  /**
   * The user and the profile, with {@code user.signed-up} and {@code profile.changed}, in the
   * caller's transaction (sign-up's; a first Apple or Google sign-in's, without a password).
   */
  Uni<Profile> createAccount(
      SqlConnection tx,
      String email,
      String passwordHash,
      String gender,
      String displayName,
      String locale,
      boolean emailVerified) {
    return accounts
        .insertUser(tx, email, passwordHash)
        .flatMap(id -> profiles.insert(tx, id, email, gender, displayName, locale, emailVerified))
        .call(profile -> outbox.append(tx, UserSignedUp.of(profile)))
        .call(profile -> profiles.publishChanged(tx, profile));
  }

  /**
   * Password sign-in. An attempt is taken from three rooms before the password is checked (see
   * {@link Throttle}): email+client (strict: the guesser's own address), email (all addresses: a
   * distributed guess) and client (one address spraying many emails). A right password gives the
   * attempt back and clears its email+client room, so only failures count.
   */
  public Uni<Tokens> signIn(String emailInput, String password, String client) {
    if (emailInput == null || password == null) {
      throw ProblemException.invalid(
          emailInput == null ? "email" : "password", "required for grant_type=password");
    }
    String email = AccountEmail.Validator.normalise(emailInput);
    List<Throttle.Limit> rooms = passwordRooms(email, client);
    Throttle.Limit pair = rooms.get(0);
    Throttle.Limit perEmail = rooms.get(1);
    Throttle.Limit perClient = rooms.get(2);
    return throttle
        .take(rooms)
        .onFailure(Throttle.Throttled.class)
        .transform(e -> AuthProblems.tooManyAttempts(((Throttle.Throttled) e).retryAfterSeconds()))
        .flatMap(x -> accounts.findByEmail(email))
        .flatMap(
            found ->
                hasher
                    .matches(
                        password,
                        found.map(AccountRepository.Credentials::passwordHash).orElse(null))
                    .flatMap(
                        ok -> {
                          if (!ok) { // the attempt taken stays counted
                            return Uni.createFrom().failure(AuthProblems.invalidCredentials());
                          }
                          AccountRepository.Credentials user = found.orElseThrow();
                          if (config.requireVerifiedEmail() && !user.emailVerified()) {
                            // right password: the attempt is given back, the session refused
                            return throttle
                                .forget(pair.key())
                                .call(
                                    () ->
                                        throttle.giveBack(List.of(perEmail.key(), perClient.key())))
                                .flatMap(
                                    x ->
                                        Uni.createFrom()
                                            .<Tokens>failure(AuthProblems.emailNotVerified()));
                          }
                          String refresh = newRefreshToken();
                          UUID family = UUID.randomUUID();
                          return throttle
                              .forget(pair.key())
                              .call(
                                  () -> throttle.giveBack(List.of(perEmail.key(), perClient.key())))
                              .call(
                                  () ->
                                      accounts.insertRefreshToken(
                                          pool,
                                          user.id(),
                                          family,
                                          sha256(refresh),
                                          jwt.refreshTokenTtl()))
                              .map(x -> tokens(user.id(), user.email(), family, refresh));
                        }));
  }

  /**
   * The rooms a password attempt is taken from (sign-in, password change): email+client, email,
   * client, in this order.
   */
  List<Throttle.Limit> passwordRooms(String email, String client) {
    Duration window = config.failureWindow();
    return List.of(
        new Throttle.Limit(
            room("login:email+client", email, client),
            config.maxFailuresPerEmailAndClient(),
            window,
            true),
        new Throttle.Limit(room("login:email", email), config.maxFailuresPerEmail(), window, true),
        new Throttle.Limit(
            room("login:client", client), config.maxFailuresPerClient(), window, true));
  }

  /**
   * Rotates a refresh token. Presenting one that was already used means it was copied: the whole
   * family is revoked, so the thief's and the owner's sessions both end (stolen-token detection).
   */
  public Uni<Tokens> refresh(String token) {
    if (token == null || token.isBlank()) {
      throw ProblemException.invalid("refresh_token", "required for grant_type=refresh_token");
    }
    String hash = sha256(token);
    String next = newRefreshToken();
    return pool.withTransaction(
            tx ->
                accounts
                    .use(tx, hash)
                    .flatMap(
                        found -> {
                          if (found.isEmpty()) {
                            return Uni.createFrom()
                                .<Tokens>failure(AuthProblems.invalidRefreshToken());
                          }
                          AccountRepository.Rotation rotation = found.get();
                          if (rotation.reused()) {
                            return endSession(
                                    tx,
                                    rotation.userId(),
                                    rotation.familyId(),
                                    SessionRevoked.REFRESH_TOKEN_REUSE)
                                .replaceWith((Tokens) null);
                          }
                          return accounts
                              .insertRefreshToken(
                                  tx,
                                  rotation.userId(),
                                  rotation.familyId(),
                                  sha256(next),
                                  jwt.refreshTokenTtl())
                              .map(
                                  x ->
                                      tokens(
                                          rotation.userId(),
                                          rotation.email(),
                                          rotation.familyId(),
                                          next));
                        }))
        .map(
            tokens -> {
              if (tokens == null) { // the revocation committed; now the client hears no
                throw AuthProblems.invalidRefreshToken();
              }
              return tokens;
            });
  }

  /**
   * Ends the session of the access token (its {@code sid}) and the one of a refresh token the user
   * presents: their refresh tokens are revoked and {@code session.revoked} is published in the same
   * transaction, so every service refuses the session's access tokens before they expire.
   */
  public Uni<Void> signOut(UUID userId, String sessionId, String refreshToken) {
    Uni<Optional<UUID>> presented =
        refreshToken == null || refreshToken.isBlank()
            ? Uni.createFrom().item(Optional.empty())
            : accounts.familyOf(userId, sha256(refreshToken));
    return presented.flatMap(
        family ->
            pool.withTransaction(
                tx -> {
                  Set<UUID> sessions = new LinkedHashSet<>();
                  if (sessionId != null) {
                    sessions.add(UUID.fromString(sessionId));
                  }
                  family.ifPresent(sessions::add);
                  if (sessions.isEmpty()) { // a token without sid (not issued here): every session
                    return accounts.revokeAllOf(tx, userId);
                  }
                  return Multi.createFrom()
                      .iterable(sessions)
                      .onItem()
                      .transformToUniAndConcatenate(
                          session -> endSession(tx, userId, session, SessionRevoked.LOGOUT))
                      .collect()
                      .last()
                      .replaceWithVoid();
                }));
  }

  /**
   * Ends every session of the user but {@code keep} (null: all), as {@link #signOut} ends one:
   * after a password reset or change, whoever held the old password holds no session any more.
   */
  Uni<Void> endSessionsExcept(SqlConnection tx, UUID userId, UUID keep, String reason) {
    return accounts
        .liveSessions(tx, userId)
        .flatMap(
            sessions ->
                Multi.createFrom()
                    .iterable(sessions.stream().filter(s -> !s.equals(keep)).toList())
                    .onItem()
                    .transformToUniAndConcatenate(
                        session -> endSession(tx, userId, session, reason))
                    .collect()
                    .last()
                    .replaceWithVoid());
  }

  /** A new session for a user who proved who they are: a refresh token and the token pair. */
  Uni<Tokens> newSession(io.vertx.mutiny.sqlclient.SqlClient client, UUID userId, String email) {
    String refresh = newRefreshToken();
    UUID family = UUID.randomUUID();
    return accounts
        .insertRefreshToken(client, userId, family, sha256(refresh), jwt.refreshTokenTtl())
        .map(x -> tokens(userId, email, family, refresh));
  }

  /** One session ends: refresh tokens revoked, access tokens refused here and (event) elsewhere. */
  private Uni<Void> endSession(SqlConnection tx, UUID userId, UUID session, String reason) {
    return accounts
        .revokeFamily(tx, session)
        .call(() -> revocations.revokeSession(tx, session))
        .call(() -> outbox.append(tx, new SessionRevoked(session, userId, reason, Instant.now())))
        .replaceWithVoid();
  }

  private Tokens tokens(UUID userId, String email, UUID family, String refresh) {
    return new Tokens(
        issuer.accessToken(userId, email, family),
        "bearer",
        issuer.accessTokenSeconds(),
        refresh,
        new AuthRequests.User(userId, email));
  }

  private static String newRefreshToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A throttle room's key: the kind and a digest of what it counts (an email as sent, of any length
   * or content, never becomes a database key; nor is it kept in clear).
   */
  static String room(String kind, String... parts) {
    return kind + ":" + sha256(String.join("\n", parts));
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
