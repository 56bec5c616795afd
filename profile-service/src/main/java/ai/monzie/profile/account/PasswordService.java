package ai.monzie.profile.account;

import ai.monzie.profile.mail.AccountMails;
import ai.monzie.profile.mail.MailKind;
import ai.monzie.profile.profile.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Forgot, reset and change password. */
@ApplicationScoped
public class PasswordService {

  /** {@code session.revoked} reasons of this flow. */
  static final String RESET = "password-reset";

  static final String CHANGE = "password-change";

  private final Pool pool;
  private final AccountService sessions;
  private final AccountRepository accounts;
  private final ProfileRepository profiles;
  private final OneTimeCodes codes;
  private final AccountMails mails;
  private final PasswordHasher hasher;
  private final Throttle throttle;
  private final AuthConfig config;

  PasswordService(
      Pool pool,
      AccountService sessions,
      AccountRepository accounts,
      ProfileRepository profiles,
      OneTimeCodes codes,
      AccountMails mails,
      PasswordHasher hasher,
      Throttle throttle,
      AuthConfig config) {
    this.pool = pool;
    this.sessions = sessions;
    this.accounts = accounts;
    this.profiles = profiles;
    this.codes = codes;
    this.mails = mails;
    this.hasher = hasher;
    this.throttle = throttle;
    this.config = config;
  }

  /**
   * Mails a reset code when the email has an account, and nothing otherwise; either way the answer
   * is the same and comes no sooner than {@code forgot-min-duration} after the request (queueing
   * the mail is a transaction the unknown email skips). Throttled per email and per client.
   */
  public Uni<Void> forgot(String emailInput, String client) {
    long started = System.nanoTime();
    String email = AccountEmail.Validator.normalise(emailInput);
    Duration window = config.resetWindow();
    return throttle
        .take(
            List.of(
                new Throttle.Limit(
                    AccountService.room("reset:email", email),
                    config.maxResetsPerEmail(),
                    window,
                    false),
                new Throttle.Limit(
                    AccountService.room("reset:client", client),
                    config.maxResetsPerClient(),
                    window,
                    false)))
        .onFailure(Throttle.Throttled.class)
        .transform(e -> AuthProblems.tooManyMails(((Throttle.Throttled) e).retryAfterSeconds()))
        .flatMap(x -> accounts.findByEmail(email))
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              AccountRepository.Credentials user = found.get();
              return pool.withTransaction(
                  tx ->
                      codes
                          .issue(tx, user.id(), OneTimeCodes.PASSWORD_RESET, config.resetTokenTtl())
                          .flatMap(
                              code ->
                                  mails.queue(
                                      tx,
                                      MailKind.PASSWORD_RESET,
                                      user.email(),
                                      user.locale(),
                                      code,
                                      config.resetTokenTtl())));
            })
        .flatMap(x -> notBefore(started));
  }

  private Uni<Void> notBefore(long startedNanos) {
    Duration left = config.forgotMinDuration().minusNanos(System.nanoTime() - startedNanos);
    return left.isNegative() || left.isZero()
        ? Uni.createFrom().voidItem()
        : Uni.createFrom().voidItem().onItem().delayIt().by(left);
  }

  /**
   * Sets the new password from a mailed code: the code is used (once), every session of the account
   * ends (refresh tokens revoked, {@code session.revoked} so access tokens stop too), and the email
   * counts as verified (the code came through it). Any bad code: one generic 400.
   */
  public Uni<Void> reset(String code, String newPassword) {
    if (code == null || code.isBlank() || code.length() > 200) {
      return Uni.createFrom().failure(AuthProblems.invalidCode());
    }
    // the rules need the account's email, and a refused password must not spend the code
    return codes
        .peek(pool, code, OneTimeCodes.PASSWORD_RESET)
        .flatMap(user -> user.isEmpty() ? invalidCode() : accounts.findById(pool, user.get()))
        .flatMap(
            user -> {
              AccountRepository.Credentials account = user.orElseThrow(AuthProblems::invalidCode);
              new PasswordRules(config.passwordMinLength()).require(newPassword, account.email());
              return hasher.hash(newPassword);
            })
        .flatMap(
            hash ->
                pool.withTransaction(
                    tx ->
                        codes
                            .use(tx, code, OneTimeCodes.PASSWORD_RESET)
                            .flatMap(
                                user -> {
                                  if (user.isEmpty()) { // used in parallel meanwhile
                                    return Uni.createFrom()
                                        .<Void>failure(AuthProblems.invalidCode());
                                  }
                                  UUID id = user.get();
                                  return accounts
                                      .updatePassword(tx, id, hash)
                                      .call(() -> profiles.markEmailVerified(tx, id))
                                      .call(() -> sessions.endSessionsExcept(tx, id, null, RESET));
                                })));
  }

  private static <T> Uni<T> invalidCode() {
    return Uni.createFrom().failure(AuthProblems.invalidCode());
  }

  /**
   * Changes the password of a signed-in user who knows the current one. A wrong one is a failed
   * sign-in (401, counted in the same rooms); every other session of the account ends.
   */
  public Uni<Void> change(
      UUID userId, String sessionId, String currentPassword, String newPassword, String client) {
    return accounts
        .findById(pool, userId)
        .flatMap(
            found -> {
              AccountRepository.Credentials user =
                  found.orElseThrow(AuthProblems::invalidCredentials);
              List<Throttle.Limit> rooms = sessions.passwordRooms(user.email(), client);
              return throttle
                  .take(rooms)
                  .onFailure(Throttle.Throttled.class)
                  .transform(
                      e ->
                          AuthProblems.tooManyAttempts(
                              ((Throttle.Throttled) e).retryAfterSeconds()))
                  .flatMap(x -> hasher.matches(currentPassword, user.passwordHash()))
                  .flatMap(
                      ok -> {
                        if (!ok) { // the attempt taken stays counted
                          return Uni.createFrom().<Void>failure(AuthProblems.invalidCredentials());
                        }
                        new PasswordRules(config.passwordMinLength())
                            .require(newPassword, user.email());
                        return throttle
                            .forget(rooms.get(0).key())
                            .call(
                                () ->
                                    throttle.giveBack(
                                        List.of(rooms.get(1).key(), rooms.get(2).key())))
                            .flatMap(x -> hasher.hash(newPassword))
                            .flatMap(
                                hash ->
                                    pool.withTransaction(
                                        tx ->
                                            accounts
                                                .updatePassword(tx, userId, hash)
                                                .call(
                                                    () ->
                                                        sessions.endSessionsExcept(
                                                            tx,
                                                            userId,
                                                            session(sessionId),
                                                            CHANGE))));
                      });
            });
  }

  private static UUID session(String sid) {
    return Optional.ofNullable(sid).map(UUID::fromString).orElse(null);
  }
}
