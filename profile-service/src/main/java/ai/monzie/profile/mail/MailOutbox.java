package ai.monzie.profile.mail;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/** The mail queue ({@code mail_outbox}): rows written in a caller's transaction, sent later. */
@ApplicationScoped
public class MailOutbox {

  /** A queued mail claimed for sending. */
  public record Queued(long id, int attempts, AccountMails.Rendered mail) {}

  public Uni<Void> insert(SqlConnection tx, AccountMails.Rendered mail) {
    return tx.preparedQuery(
            """
            INSERT INTO mail_outbox (recipient, subject, text_body, html_body)
            VALUES ($1, $2, $3, $4)
            """)
        .execute(Tuple.of(mail.to(), mail.subject(), mail.text(), mail.html()))
        .replaceWithVoid();
  }

  /**
   * The oldest due mail, locked for this transaction: another instance draining at the same time
   * skips it (SKIP LOCKED) rather than sending it too.
   */
  public Uni<Optional<Queued>> claimNext(SqlConnection tx, int maxAttempts) {
    return tx.preparedQuery(
            """
            SELECT id, attempts, recipient, subject, text_body, html_body FROM mail_outbox
            WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < $1
            ORDER BY id LIMIT 1
            FOR UPDATE SKIP LOCKED
            """)
        .execute(Tuple.of(maxAttempts))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              var row = rows.iterator().next();
              return Optional.of(
                  new Queued(
                      row.getLong("id"),
                      row.getInteger("attempts"),
                      new AccountMails.Rendered(
                          row.getString("recipient"),
                          row.getString("subject"),
                          row.getString("text_body"),
                          row.getString("html_body"))));
            });
  }

  /** Sent: the bodies (they carry a one-time code) are wiped; the row stays as a record. */
  public Uni<Void> markSent(SqlConnection tx, long id) {
    return tx.preparedQuery(
            """
            UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1,
              text_body = NULL, html_body = NULL, last_error = NULL
            WHERE id = $1
            """)
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  public Uni<Void> markFailed(SqlConnection tx, long id, Duration retryIn, String error) {
    return tx.preparedQuery(
            """
            UPDATE mail_outbox SET attempts = attempts + 1, last_error = $3,
              next_attempt_at = now() + make_interval(secs => $2)
            WHERE id = $1
            """)
        .execute(Tuple.of(id, (double) retryIn.toSeconds(), error))
        .replaceWithVoid();
  }
}
