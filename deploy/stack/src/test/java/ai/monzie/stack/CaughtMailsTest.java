package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/monzie mail: what the catcher keeps, read back newest first, as text or JSON. */
class CaughtMailsTest {

  @TempDir Path dir;

  @Test
  void mailsAreListedNewestFirstAndFilteredByRecipient() throws Exception {
    write("1700000000000-1.eml", "ada@example.com", "Older", "first text");
    write("1700000005000-2.eml", "bob@example.com", "For Bob", "bob text");
    write("1700000009000-3.eml", "Ada@Example.com", "Newer", "second text");

    List<CaughtMails.Mail> all = CaughtMails.read(dir, null);
    assertThat(all)
        .extracting(CaughtMails.Mail::subject)
        .containsExactly("Newer", "For Bob", "Older");

    List<CaughtMails.Mail> ada = CaughtMails.read(dir, "ada@example.com");
    assertThat(ada).extracting(CaughtMails.Mail::subject).containsExactly("Newer", "Older");
    assertThat(ada.get(0).text()).isEqualTo("second text"); // the text part, not the HTML
  }

  @Test
  void jsonIsOneArrayOfToSubjectTextAndReceivedAt() throws Exception {
    write(
        "1700000000000-1.eml",
        "ada@example.com",
        "Reset your MonzieAI password",
        "monzie://reset?token=abc");
    JsonNode json = new ObjectMapper().readTree(CaughtMails.json(CaughtMails.read(dir, null)));
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(1);
    JsonNode mail = json.get(0);
    assertThat(mail.get("to").asText()).isEqualTo("ada@example.com");
    assertThat(mail.get("subject").asText()).isEqualTo("Reset your MonzieAI password");
    assertThat(mail.get("text").asText()).isEqualTo("monzie://reset?token=abc");
    assertThat(mail.get("received_at").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(CaughtMails.json(List.of())).isEqualTo("[ ]");
  }

  @Test
  void noFolderMeansNoMail() throws Exception {
    assertThat(CaughtMails.read(dir.resolve("missing"), null)).isEmpty();
    assertThat(CaughtMails.text(List.of())).isEqualTo("no mail caught yet");
  }

  @Test
  void whatTheCatchersSmtpServerReceivesIsKeptAndReadBack() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      GreenMailUtil.sendTextEmail(
          "turkish@example.com",
          "no-reply@monzie.ai",
          "şifreni sıfırla",
          "dakika",
          smtp.getSmtp().getServerSetup());
      assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
      MailCatcher.keep(smtp.getReceivedMessages()[0], dir);
    } finally {
      smtp.stop();
    }
    List<CaughtMails.Mail> mails = CaughtMails.read(dir, "turkish@example.com");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).subject()).isEqualTo("şifreni sıfırla");
    assertThat(mails.get(0).text().strip()).isEqualTo("dakika");
    try (var files = Files.list(dir)) {
      assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".part"));
    }
  }

  @Test
  void aNewMailToAnEarlierRecipientIsKeptNotAnOlderOneAgain() throws Exception {
    // found by hand: the "your data is ready" mail to a user who had a mail already never showed
    // in deploy/monzie mail, and another user's older mail was kept twice instead
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    java.util.Set<MimeMessage> kept =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    try {
      ServerSetup setup = smtp.getSmtp().getServerSetup();
      GreenMailUtil.sendTextEmail("ada@example.com", "no-reply@monzie.ai", "Confirm", "1", setup);
      assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
      assertThat(MailCatcher.keepNew(smtp.getReceivedMessages(), kept, dir)).isEqualTo(1);
      GreenMailUtil.sendTextEmail("bob@example.com", "no-reply@monzie.ai", "Confirm", "2", setup);
      assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
      assertThat(MailCatcher.keepNew(smtp.getReceivedMessages(), kept, dir)).isEqualTo(1);
      GreenMailUtil.sendTextEmail(
          "ada@example.com", "no-reply@monzie.ai", "Your data is ready", "3", setup);
      assertThat(smtp.waitForIncomingEmail(5000, 3)).isTrue();
      assertThat(MailCatcher.keepNew(smtp.getReceivedMessages(), kept, dir)).isEqualTo(1);
      assertThat(MailCatcher.keepNew(smtp.getReceivedMessages(), kept, dir)).isZero();
    } finally {
      smtp.stop();
    }
    assertThat(CaughtMails.read(dir, "ada@example.com"))
        .extracting(CaughtMails.Mail::subject)
        .containsExactlyInAnyOrder("Confirm", "Your data is ready");
    assertThat(CaughtMails.read(dir, "bob@example.com")).hasSize(1);
  }

  @Test
  void onlyMonzieVariablesArePassedOnToTheServices() {
    Map<String, String> passed =
        Launcher.operatorVariables(
            Map.of(
                "MONZIE_AUTH_APPLE_CLIENT_IDS", "ai.monzie.app",
                "MONZIE_AUTH_APPLE_JWKS_URL", "http://127.0.0.1:9999/keys",
                "PATH", "/usr/bin",
                "AWS_SECRET_ACCESS_KEY", "nope",
                "XMONZIE_OTHER", "nope"));
    assertThat(passed)
        .containsOnlyKeys("MONZIE_AUTH_APPLE_CLIENT_IDS", "MONZIE_AUTH_APPLE_JWKS_URL");
  }

  private void write(String name, String to, String subject, String text) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom(new InternetAddress("no-reply@monzie.ai"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, "UTF-8");
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>" + text + "</p>", "text/html; charset=UTF-8");
    alternative.addBodyPart(plain);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
      message.writeTo(out);
    }
  }
}
