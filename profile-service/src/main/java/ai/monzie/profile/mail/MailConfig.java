package ai.monzie.profile.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The account mails: their links and how the queue is drained (SMTP is {@code quarkus.mailer.*}).
 */
@ConfigMapping(prefix = "monzie.mail")
public interface MailConfig {

  /** The app's deep link base: a reset mail links {@code <app-link>reset?token=...}. */
  @WithDefault("monzie://")
  String appLink();

  /** The web fallback for devices without the app: {@code <web-link>/reset?token=...}. */
  @WithDefault("https://monzie.ai")
  String webLink();

  /** How often the queue is looked at (also the longest a queued mail waits when SMTP is up). */
  @WithDefault("2s")
  Duration drainInterval();

  /** Mails sent per drain at most; the rest wait for the next one. */
  @WithDefault("50")
  int batchSize();

  /** A mail SMTP keeps refusing is given up after this many attempts (logged, kept unsent). */
  @WithDefault("10")
  int maxAttempts();

  /** The wait after a failed attempt, doubled at each further one, up to an hour. */
  @WithDefault("10s")
  Duration retryDelay();
}
