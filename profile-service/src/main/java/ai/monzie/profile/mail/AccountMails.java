package ai.monzie.profile.mail;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Renders an account mail (Qute, in the account's language, plain text and HTML) and queues it in
 * the caller's transaction, next to the code it carries: the code and its mail commit together.
 */
@ApplicationScoped
public class AccountMails {

  /** The app's two languages; anything else is written in English. */
  public static final Set<String> LOCALES = Set.of("en", "tr");

  public static final String DEFAULT_LOCALE = "en";

  /** A mail as rendered: what the queue stores and the sender sends. */
  public record Rendered(String to, String subject, String text, String html) {}

  private final Engine qute;
  private final MailConfig config;
  private final MailOutbox outbox;

  AccountMails(Engine qute, MailConfig config, MailOutbox outbox) {
    this.qute = qute;
    this.config = config;
    this.outbox = outbox;
  }

  /** The best of the app's languages for an {@code Accept-Language} header; English otherwise. */
  public static String localeOf(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return DEFAULT_LOCALE;
    }
    try {
      String tag =
          java.util.Locale.lookupTag(
              java.util.Locale.LanguageRange.parse(acceptLanguage), java.util.List.of("en", "tr"));
      return tag == null ? DEFAULT_LOCALE : tag;
    } catch (IllegalArgumentException malformed) {
      return DEFAULT_LOCALE;
    }
  }

  public Uni<Void> queue(
      SqlConnection tx, MailKind kind, String to, String locale, String code, Duration validFor) {
    return outbox.insert(tx, render(kind, to, locale, code, validFor));
  }

  /**
   * "Your data is ready": links to the app's export screen (the download link itself is signed for
   * 24 hours, the archive kept until {@code expiresAt}), queued with the export's readiness.
   */
  public Uni<Void> queueExportReady(
      SqlConnection tx,
      String to,
      String locale,
      java.util.UUID export,
      java.time.OffsetDateTime expiresAt) {
    String language = LOCALES.contains(locale) ? locale : DEFAULT_LOCALE;
    String path = MailKind.EXPORT_READY.linkPath + "?id=" + export;
    Map<String, Object> data =
        Map.of(
            "appLink",
            config.appLink() + path,
            "webLink",
            stripSlash(config.webLink()) + "/" + path,
            "expiresOn",
            expiresAt.toLocalDate().toString());
    String name = "mail/" + MailKind.EXPORT_READY.template + "-" + language;
    return outbox.insert(
        tx,
        new Rendered(
            to,
            template(name + ".subject.txt").render(data).strip(),
            template(name + ".txt").render(data),
            template(name + ".html").render(data)));
  }

  Rendered render(MailKind kind, String to, String locale, String code, Duration validFor) {
    String language = LOCALES.contains(locale) ? locale : DEFAULT_LOCALE;
    String token = URLEncoder.encode(code, StandardCharsets.UTF_8);
    Map<String, Object> data =
        Map.of(
            "appLink",
            config.appLink() + kind.linkPath + "?token=" + token,
            "webLink",
            stripSlash(config.webLink()) + "/" + kind.linkPath + "?token=" + token,
            "code",
            code,
            "minutes",
            validFor.toMinutes(),
            "hours",
            validFor.toHours());
    String name = "mail/" + kind.template + "-" + language;
    return new Rendered(
        to,
        template(name + ".subject.txt").render(data).strip(),
        template(name + ".txt").render(data),
        template(name + ".html").render(data));
  }

  private Template template(String id) {
    Template template = qute.getTemplate(id);
    if (template == null) {
      throw new IllegalStateException("no mail template " + id);
    }
    return template;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
