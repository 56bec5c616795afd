package ai.monzie.profile;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for every profile test, on a free port: the service's Quarkus
 * Mailer sends to it over SMTP (never the mailer's mock), and {@link Mailbox} reads what arrived.
 */
@QuarkusTestResource(value = TestMailServer.class, restrictToAnnotatedClass = false)
public class TestMailServer implements QuarkusTestResourceLifecycleManager {

  static volatile GreenMail server;
  private static volatile ServerSetup setup;

  @Override
  public Map<String, String> start() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    startSmtp();
    return Map.of(
        "quarkus.mailer.mock", "false",
        "quarkus.mailer.host", "127.0.0.1",
        "quarkus.mailer.port", String.valueOf(port),
        "quarkus.mailer.start-tls", "DISABLED",
        "quarkus.mailer.tls", "false");
  }

  /** SMTP goes away (the mails received so far go with it). */
  public static synchronized void stopSmtp() {
    server.stop();
  }

  /** A fresh SMTP server on the same port. */
  public static synchronized void startSmtp() {
    server = new GreenMail(setup);
    server.start();
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
