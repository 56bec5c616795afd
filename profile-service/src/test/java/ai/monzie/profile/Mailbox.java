package ai.monzie.profile;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mails {@link TestMailServer} received, read as a user reads them. */
public final class Mailbox {
  private Mailbox() {}

  /** A received mail: its subject, plain text and HTML parts. */
  public record Mail(String to, String subject, String text, String html, MimeMessage raw) {

    /** The code of the deep link {@code monzie://<path>?token=...}. */
    public String token(String path) {
      Matcher m = Pattern.compile("monzie://" + path + "\\?token=([A-Za-z0-9_%-]+)").matcher(text);
      if (!m.find()) {
        throw new AssertionError("no monzie://" + path + " link in: " + text);
      }
      return java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Every mail received for the address so far, oldest first. */
  public static List<Mail> to(String address) {
    return Arrays.stream(TestMailServer.server.getReceivedMessagesForDomain(address))
        .map(Mailbox::read)
        .filter(mail -> mail.to().equalsIgnoreCase(address))
        .toList();
  }

  /** Waits for the {@code n}-th mail (1-based) to the address whose subject contains the text. */
  public static Mail awaitMail(String address, String subjectContains, int n) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> to(address).stream().filter(m -> m.subject().contains(subjectContains)).toList(),
            mails -> mails.size() >= n)
        .get(n - 1);
  }

  public static Mail awaitMail(String address, String subjectContains) {
    return awaitMail(address, subjectContains, 1);
  }

  private static Mail read(MimeMessage message) {
    try {
      String to = message.getAllRecipients()[0].toString();
      String text = part(message.getContent(), "text/plain").orElse("");
      String html = part(message.getContent(), "text/html").orElse("");
      return new Mail(to, message.getSubject(), text, html, message);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> part(Object content, String type)
      throws MessagingException, IOException {
    if (content instanceof String text) {
      return type.equals("text/plain") ? Optional.of(text) : Optional.empty();
    }
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType(type)) {
          return Optional.of(part.getContent().toString());
        }
        Optional<String> inner = part(part.getContent(), type);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }
}
