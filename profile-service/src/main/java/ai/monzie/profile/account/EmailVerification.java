package ai.monzie.profile.account;

import ai.monzie.profile.mail.AccountMails;
import ai.monzie.profile.mail.MailKind;
import ai.monzie.profile.profile.ProfileRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The mail proving an account's email is its owner's: sent at sign-up, again on request. */
@ApplicationScoped
public class EmailVerification {

  private final Pool pool;
  private final OneTimeCodes codes;
  private final AccountMails mails;
  private final AccountRepository accounts;
  private final ProfileRepository profiles;
  private final Throttle throttle;
  private final AuthConfig config;

  EmailVerification(
      Pool pool,
      OneTimeCodes codes,
      AccountMails mails,
      AccountRepository accounts,
      ProfileRepository profiles,
      Throttle throttle,
      AuthConfig config) {
    this.pool = pool;
    this.codes = codes;
    this.mails = mails;
    this.accounts = accounts;
    this.profiles = profiles;
    this.throttle = throttle;
    this.config = config;
  }

  /** A new verification code and its mail, in the caller's transaction (sign-up's, resend's). */
  Uni<Void> queueMail(SqlConnection tx, UUID userId, String email, String locale) {
    return codes
        .issue(tx, userId, OneTimeCodes.EMAIL_VERIFICATION, config.verificationTokenTtl())
        .flatMap(
            code ->
                mails.queue(
                    tx,
                    MailKind.EMAIL_VERIFICATION,
                    email,
                    locale,
                    code,
                    config.verificationTokenTtl()));
  }

  /** The code from the mail: the email is the owner's. Unknown, used or expired: one 400. */
  public Uni<Void> verify(String code) {
    if (code == null || code.isBlank() || code.length() > 200) {
      return Uni.createFrom().failure(AuthProblems.invalidCode());
    }
    return pool.withTransaction(
        tx ->
            codes
                .use(tx, code, OneTimeCodes.EMAIL_VERIFICATION)
                .flatMap(
                    user ->
                        user.isEmpty()
                            ? Uni.createFrom().<Void>failure(AuthProblems.invalidCode())
                            : profiles.markEmailVerified(tx, user.get())));
  }

  /** Sends the mail again (a new code ends the older one); a few per user per window. */
  public Uni<Void> resend(UUID userId) {
    return accounts
        .findById(pool, userId)
        .flatMap(
            found -> {
              AccountRepository.Credentials user =
                  found.orElseThrow(AuthProblems::invalidRefreshToken);
              if (user.emailVerified()) {
                return Uni.createFrom().failure(AuthProblems.emailAlreadyVerified());
              }
              return throttle
                  .take(
                      List.of(
                          new Throttle.Limit(
                              AccountService.room("verify-mail:user", userId.toString()),
                              config.maxVerificationMailsPerUser(),
                              config.resetWindow(),
                              false)))
                  .onFailure(Throttle.Throttled.class)
                  .transform(
                      e -> AuthProblems.tooManyMails(((Throttle.Throttled) e).retryAfterSeconds()))
                  .flatMap(
                      x ->
                          pool.withTransaction(
                              tx -> queueMail(tx, userId, user.email(), user.locale())));
            });
  }
}
