package ai.monzie.profile.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.profile.Mailbox;
import ai.monzie.profile.ProfileFixtures;
import ai.monzie.profile.TestMailServer;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The mail queue: nothing lost while SMTP is down, nothing sent twice by parallel drains. */
@QuarkusTest
@WithMonzieInfra(database = "profile")
class MailDeliveryTest {

  @Inject Pool pool;
  @Inject MailSender sender;
  @Inject MailOutbox outbox;

  @Test
  void aMailQueuedWhileSmtpIsDownIsSentOnceWhenItIsBack() {
    String to = ProfileFixtures.uniqueEmail().toLowerCase();
    TestMailServer.stopSmtp();
    try {
      queue(to, "while down");
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> row(to, "attempts") >= 1);
      assertThat(row(to, "sent")).isZero();
    } finally {
      TestMailServer.startSmtp();
    }
    Mailbox.awaitMail(to, "while down");
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> row(to, "sent") == 1);
    assertThat(row(to, "bodies")).as("bodies wiped once sent").isZero();
    assertThat(Mailbox.to(to)).hasSize(1);
  }

  @Test
  void parallelDrainsSendEachMailOnce() {
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String to = ProfileFixtures.uniqueEmail().toLowerCase();
      recipients.add(to);
      queue(to, "parallel " + i);
    }
    // four drains at once, besides the scheduled one: SKIP LOCKED keeps them off each other's rows
    Uni.join()
        .all(sender.drain(), sender.drain(), sender.drain(), sender.drain())
        .andFailFast()
        .await()
        .atMost(Duration.ofSeconds(60));
    for (String to : recipients) {
      Mailbox.awaitMail(to, "parallel");
    }
    for (String to : recipients) {
      assertThat(Mailbox.to(to)).as(to).hasSize(1);
    }
  }

  private void queue(String to, String subject) {
    pool.withTransaction(
            tx -> outbox.insert(tx, new AccountMails.Rendered(to, subject, "text", "<p>html</p>")))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private long row(String to, String what) {
    String sql =
        switch (what) {
          case "attempts" ->
              "SELECT coalesce(max(attempts), 0) FROM mail_outbox WHERE recipient = $1";
          case "sent" ->
              "SELECT count(*) FROM mail_outbox WHERE recipient = $1 AND sent_at IS NOT NULL";
          default ->
              "SELECT count(*) FROM mail_outbox WHERE recipient = $1"
                  + " AND (text_body IS NOT NULL OR html_body IS NOT NULL)";
        };
    return pool.preparedQuery(sql)
        .execute(Tuple.of(to))
        .await()
        .atMost(Duration.ofSeconds(10))
        .iterator()
        .next()
        .getLong(0);
  }
}
