package ai.monzie.profile.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Credentials and refresh tokens. */
@ApplicationScoped
public class AccountRepository {

  /** An account as sign-in and the mails need it; {@code passwordHash} null: Apple/Google only. */
  public record Credentials(
      UUID id, String email, String passwordHash, boolean emailVerified, String locale) {}

  private static final String CREDENTIALS =
      "SELECT u.id, u.email, u.password_hash, p.email_verified, p.locale"
          + " FROM users u JOIN profiles p ON p.id = u.id";

  /** The outcome of presenting a refresh token. */
  public record Rotation(UUID userId, UUID familyId, String email, boolean reused) {}

  private final Pool pool;

  AccountRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<UUID> insertUser(SqlConnection tx, String email, String passwordHash) {
    return tx.preparedQuery("INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id")
        .execute(Tuple.of(email, passwordHash))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  public Uni<Optional<Credentials>> findByEmail(String email) {
    return findByEmail(pool, email);
  }

  public Uni<Optional<Credentials>> findByEmail(SqlClient client, String email) {
    return client
        .preparedQuery(CREDENTIALS + " WHERE lower(u.email) = lower($1)")
        .execute(Tuple.of(email))
        .map(AccountRepository::credentials);
  }

  public Uni<Optional<Credentials>> findById(SqlClient client, UUID id) {
    return client
        .preparedQuery(CREDENTIALS + " WHERE u.id = $1")
        .execute(Tuple.of(id))
        .map(AccountRepository::credentials);
  }

  private static Optional<Credentials> credentials(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(
        new Credentials(
            row.getUUID("id"),
            row.getString("email"),
            row.getString("password_hash"),
            row.getBoolean("email_verified"),
            row.getString("locale")));
  }

  public Uni<Void> updatePassword(SqlConnection tx, UUID userId, String passwordHash) {
    return tx.preparedQuery("UPDATE users SET password_hash = $2 WHERE id = $1")
        .execute(Tuple.of(userId, passwordHash))
        .replaceWithVoid();
  }

  /** The user's sessions (refresh token families) not revoked yet: their access tokens may live. */
  public Uni<java.util.List<UUID>> liveSessions(SqlConnection tx, UUID userId) {
    return tx.preparedQuery(
            "SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(userId))
        .map(
            rows ->
                java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .map(row -> row.getUUID(0))
                    .toList());
  }

  /** The user an Apple or Google account signs in as, if it signed in before. */
  public Uni<Optional<UUID>> findIdentity(SqlClient client, String provider, String subject) {
    return client
        .preparedQuery("SELECT user_id FROM identities WHERE provider = $1 AND subject = $2")
        .execute(Tuple.of(provider, subject))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID(0)));
  }

  public Uni<Void> insertIdentity(
      SqlConnection tx, String provider, String subject, UUID userId, String email) {
    return tx.preparedQuery(
            "INSERT INTO identities (provider, subject, user_id, email) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(provider, subject, userId, email))
        .replaceWithVoid();
  }

  public Uni<Void> insertRefreshToken(
      SqlClient tx, UUID userId, UUID familyId, String tokenHash, Duration ttl) {
    return tx.preparedQuery(
            "INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(userId, familyId, tokenHash, OffsetDateTime.now().plus(ttl)))
        .replaceWithVoid();
  }

  /**
   * Marks the token used if it is live (one statement: of two parallel refreshes only one wins). A
   * token that exists but was used or revoked is a reuse: the caller revokes its family.
   */
  public Uni<Optional<Rotation>> use(SqlConnection tx, String tokenHash) {
    return tx.preparedQuery(
            "UPDATE refresh_tokens t SET used_at = now() FROM users u WHERE t.token_hash = $1"
                + " AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()"
                + " AND u.id = t.user_id RETURNING t.user_id, t.family_id, u.email")
        .execute(Tuple.of(tokenHash))
        .flatMap(
            rows -> {
              if (rows.size() > 0) {
                Row row = rows.iterator().next();
                return Uni.createFrom()
                    .item(
                        Optional.of(
                            new Rotation(
                                row.getUUID("user_id"),
                                row.getUUID("family_id"),
                                row.getString("email"),
                                false)));
              }
              return tx.preparedQuery(
                      "SELECT user_id, family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL")
                  .execute(Tuple.of(tokenHash))
                  .map(
                      used ->
                          used.size() == 0
                              ? Optional.<Rotation>empty()
                              : Optional.of(
                                  new Rotation(
                                      used.iterator().next().getUUID("user_id"),
                                      used.iterator().next().getUUID("family_id"),
                                      null,
                                      true)));
            });
  }

  public Uni<Void> revokeFamily(SqlClient client, UUID familyId) {
    return client
        .preparedQuery(
            "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(familyId))
        .replaceWithVoid();
  }

  public Uni<Void> revokeAllOf(SqlClient client, UUID userId) {
    return client
        .preparedQuery(
            "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(userId))
        .replaceWithVoid();
  }

  /** The family of a token the user presents at logout, if it is theirs. */
  public Uni<Optional<UUID>> familyOf(UUID userId, String tokenHash) {
    return pool.preparedQuery(
            "SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2")
        .execute(Tuple.of(tokenHash, userId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID(0)));
  }

  public Uni<Boolean> deleteUser(SqlConnection tx, UUID userId) {
    return tx.preparedQuery("DELETE FROM users WHERE id = $1")
        .execute(Tuple.of(userId))
        .map(r -> r.rowCount() > 0);
  }
}
