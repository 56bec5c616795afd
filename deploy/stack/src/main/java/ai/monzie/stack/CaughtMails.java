package ai.monzie.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/** {@code deploy/monzie mail}: the mails the {@link MailCatcher} kept, newest first. */
public final class CaughtMails {
  private CaughtMails() {}

  /** One caught mail as the command prints it. */
  public record Mail(String to, String subject, String text, Instant receivedAt) {}

  /** The mails in {@code dir}, newest first; only those to {@code to} when it is not null. */
  public static List<Mail> read(Path dir, String to) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Mail> mails = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
        Mail mail = parse(file);
        if (to == null
            || mail.to().toLowerCase(Locale.ROOT).contains(to.toLowerCase(Locale.ROOT))) {
          mails.add(mail);
        }
      }
    }
    mails.sort(Comparator.comparing(Mail::receivedAt).reversed());
    return mails;
  }

  /** One JSON array of {@code {to, subject, text, received_at}}. */
  public static String json(List<Mail> mails) {
    ObjectMapper json = new ObjectMapper();
    ArrayNode array = json.createArrayNode();
    for (Mail mail : mails) {
      array
          .addObject()
          .put("to", mail.to())
          .put("subject", mail.subject())
          .put("text", mail.text())
          .put("received_at", mail.receivedAt().toString());
    }
    return array.toPrettyString();
  }

  /** For a person: a header line per mail and its text. */
  public static String text(List<Mail> mails) {
    if (mails.isEmpty()) {
      return "no mail caught yet";
    }
    StringBuilder out = new StringBuilder();
    for (Mail mail : mails) {
      out.append("── ")
          .append(mail.receivedAt())
          .append("  to ")
          .append(mail.to())
          .append("\n   ")
          .append(mail.subject())
          .append("\n\n")
          .append(mail.text().strip())
          .append("\n\n");
    }
    return out.toString();
  }

  static Mail parse(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
      String to =
          message.getAllRecipients() == null || message.getAllRecipients().length == 0
              ? ""
              : message.getAllRecipients()[0].toString();
      return new Mail(
          to,
          message.getSubject() == null ? "" : message.getSubject(),
          plainText(message.getContent()),
          receivedAt(file));
    } catch (MessagingException e) {
      throw new IOException("unreadable mail " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file name starts with the catcher's clock in milliseconds (see MailCatcher.keep). */
  private static Instant receivedAt(Path file) throws IOException {
    String name = file.getFileName().toString();
    try {
      return Instant.ofEpochMilli(Long.parseLong(name.substring(0, name.indexOf('-'))));
    } catch (RuntimeException e) {
      return Files.getLastModifiedTime(file).toInstant();
    }
  }

  private static String plainText(Object content) throws MessagingException, IOException {
    if (content instanceof String text) {
      return text;
    }
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return part.getContent().toString();
        }
      }
      for (int i = 0; i < multipart.getCount(); i++) {
        String inner = plainText(multipart.getBodyPart(i).getContent());
        if (!inner.isEmpty()) {
          return inner;
        }
      }
    }
    return "";
  }
}
