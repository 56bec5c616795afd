package ai.monzie.profile.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Drains {@code mail_outbox} over SMTP (Quarkus Mailer), one mail per transaction: the row is
 * locked (SKIP LOCKED, so instances share the queue without sending a mail twice), sent, and marked
 * sent in that transaction. A crash before the commit leaves the mail queued, so none is lost; the
 * edge is at-least-once: a crash after SMTP accepted it and before the commit sends it again, with
 * the same Message-ID (mail-{@code <id>}@monzie.ai), so a receiving server may drop the copy.
 */
@ApplicationScoped
public class MailSender {

  private static final Logger LOG = Logger.getLogger(MailSender.class);
  private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);

  private final Pool pool;
  private final MailOutbox outbox;
  private final ReactiveMailer mailer;
  private final MailConfig config;

  MailSender(Pool pool, MailOutbox outbox, ReactiveMailer mailer, MailConfig config) {
    this.pool = pool;
    this.outbox = outbox;
    this.mailer = mailer;
    this.config = config;
  }

  @Scheduled(
      every = "${monzie.mail.drain-interval}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not while the pool closes
  Uni<Void> drain() {
    return sendNext(config.batchSize());
  }

  private Uni<Void> sendNext(int left) {
    if (left == 0) {
      return Uni.createFrom().voidItem();
    }
    return pool.withTransaction(
            tx ->
                outbox
                    .claimNext(tx, config.maxAttempts())
                    .flatMap(
                        found -> {
                          if (found.isEmpty()) {
                            return Uni.createFrom().item(false);
                          }
                          MailOutbox.Queued queued = found.get();
                          return mailer
                              .send(message(queued))
                              .flatMap(x -> outbox.markSent(tx, queued.id()))
                              .onFailure()
                              .recoverWithUni(e -> failed(tx, queued, e))
                              .replaceWith(true);
                        }))
        .flatMap(sent -> sent ? sendNext(left - 1) : Uni.createFrom().voidItem());
  }

  private Uni<Void> failed(
      io.vertx.mutiny.sqlclient.SqlConnection tx, MailOutbox.Queued q, Throwable e) {
    int attempt = q.attempts() + 1;
    Duration wait = config.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
    if (wait.compareTo(MAX_RETRY_DELAY) > 0) {
      wait = MAX_RETRY_DELAY;
    }
    // the recipient and the error only: the body carries a one-time code
    if (attempt >= config.maxAttempts()) {
      LOG.errorf("mail %d given up after %d attempts: %s", q.id(), attempt, e.getMessage());
    } else {
      LOG.warnf(
          "mail %d not sent (attempt %d), retried in %s: %s",
          q.id(), attempt, wait, e.getMessage());
    }
    return outbox.markFailed(tx, q.id(), wait, String.valueOf(e.getMessage()));
  }

  private static Mail message(MailOutbox.Queued queued) {
    AccountMails.Rendered mail = queued.mail();
    return Mail.withText(mail.to(), mail.subject(), mail.text())
        .setHtml(mail.html())
        .addHeader("Message-ID", "<mail-" + queued.id() + "@monzie.ai>");
  }

  /** Sent mails are kept a week as a record (without their bodies), then forgotten. */
  @Scheduled(every = "1h", delayed = "5m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> sweep() {
    return pool.query("DELETE FROM mail_outbox WHERE sent_at < now() - interval '7 days'")
        .execute()
        .replaceWithVoid();
  }
}
