package ai.monzie.profile.mail;

/** The mails an account receives; each has a template per language and a link path in the app. */
public enum MailKind {
  PASSWORD_RESET("password-reset", "reset"),
  EMAIL_VERIFICATION("email-verification", "verify"),
  EXPORT_READY("export-ready", "export");

  /** The templates' name: {@code templates/mail/<template>-<locale>.{subject.txt,txt,html}}. */
  final String template;

  /** The path of the deep link and of the web fallback. */
  final String linkPath;

  MailKind(String template, String linkPath) {
    this.template = template;
    this.linkPath = linkPath;
  }
}
