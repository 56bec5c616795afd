package ai.monzie.profile.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Codes mailed to an account's owner (password reset, e-mail verification): 256 random bits, kept
 * only as their SHA-256, valid for a while, used once; a newer code of a purpose ends the older.
 */
@ApplicationScoped
public class OneTimeCodes {

  public static final String PASSWORD_RESET = "password-reset";
  public static final String EMAIL_VERIFICATION = "email-verification";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Makes a new code for the user and purpose in the caller's transaction; returns it in clear. */
  public Uni<String> issue(SqlConnection tx, UUID userId, String purpose, Duration ttl) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return tx.preparedQuery(
            """
            UPDATE account_tokens SET used_at = now()
            WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL
            """)
        .execute(Tuple.of(userId, purpose))
        .flatMap(
            x ->
                tx.preparedQuery(
                        """
                        INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at)
                        VALUES ($1, $2, $3, $4)
                        """)
                    .execute(
                        Tuple.of(
                            AccountService.sha256(code),
                            userId,
                            purpose,
                            OffsetDateTime.now().plus(ttl))))
        .replaceWith(code);
  }

  /**
   * Uses the code if it is live (one statement: of two parallel uses only one wins); the user it
   * was for, or empty for a code that is unknown, used, superseded or expired.
   */
  public Uni<Optional<UUID>> use(SqlConnection tx, String code, String purpose) {
    return tx.preparedQuery(
            """
            UPDATE account_tokens SET used_at = now()
            WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
            RETURNING user_id
            """)
        .execute(Tuple.of(AccountService.sha256(code), purpose))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID("user_id")));
  }

  /** The user a live code is for, without using it (to check the new password first). */
  public Uni<Optional<UUID>> peek(
      io.vertx.mutiny.sqlclient.SqlClient tx, String code, String purpose) {
    return tx.preparedQuery(
            """
            SELECT user_id FROM account_tokens
            WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
            """)
        .execute(Tuple.of(AccountService.sha256(code), purpose))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID("user_id")));
  }
}
