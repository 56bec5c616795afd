package ai.monzie.stack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The local stack's mail catcher (like Supabase's): a real SMTP server (GreenMail) on 127.0.0.1
 * that delivers nowhere and keeps every mail it receives as an .eml file in {@code .monzie/mail/},
 * where {@code deploy/monzie mail} reads them ({@link CaughtMails}). Its own process, started and
 * stopped with the stack like PostgreSQL.
 */
public final class MailCatcher {
  private MailCatcher() {}

  public static final String COMPONENT = "mail";

  /** Where the caught mails are kept (survives restarts; {@code deploy/monzie reset} wipes it). */
  public static Path mailDir(StackConfig config) {
    return config.stateDir().resolve("mail");
  }

  /** The services' SMTP settings (profile-service's quarkus.mailer.* via its MONZIE_MAIL_*). */
  public static Map<String, String> serviceEnvironment(StackConfig config) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MONZIE_MAIL_SMTP_HOST", "127.0.0.1");
    env.put("MONZIE_MAIL_SMTP_PORT", String.valueOf(config.mailPort()));
    env.put("MONZIE_MAIL_SMTP_START_TLS", "DISABLED");
    env.put("MONZIE_MAIL_SMTP_TLS", "false");
    return env;
  }

  /** {@code MailCatcher --port N --dir PATH}: runs until killed. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = MonzieCli.options(args);
    int port = Integer.parseInt(options.getOrDefault("port", "54325"));
    Path dir = Path.of(options.getOrDefault("dir", ".monzie/mail"));
    Files.createDirectories(dir);
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
    System.out.println("mail catcher: SMTP on 127.0.0.1:" + port + ", mails kept in " + dir);
    Set<MimeMessage> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    while (true) {
      keepNew(smtp.getReceivedMessages(), kept, dir);
      // GreenMail has no delivery callback for SMTP-only use: poll its in-memory store
      smtp.waitForIncomingEmail(1000, kept.size() + 1);
    }
  }

  /**
   * Keeps each received message not kept before. GreenMail lists its messages mailbox by mailbox,
   * not in arrival order, so a new mail to an earlier recipient lands in the middle of the list:
   * what was kept is remembered by identity, never by position.
   */
  static int keepNew(MimeMessage[] received, Set<MimeMessage> kept, Path dir)
      throws IOException, MessagingException {
    int added = 0;
    for (MimeMessage message : received) {
      if (kept.add(message)) {
        keep(message, dir);
        added++;
      }
    }
    return added;
  }

  /** Written to a temporary name, then moved: a reader never sees half a mail. */
  static void keep(MimeMessage message, Path dir) throws IOException, MessagingException {
    String name = System.currentTimeMillis() + "-" + System.nanoTime() + ".eml";
    Path partial = dir.resolve(name + ".part");
    try (OutputStream out = Files.newOutputStream(partial)) {
      message.writeTo(out);
    }
    Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
