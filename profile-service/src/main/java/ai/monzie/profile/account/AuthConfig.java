package ai.monzie.profile.account;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "monzie.auth")
public interface AuthConfig {
  int passwordMinLength();

  int bcryptCost();

  int maxFailuresPerEmail();

  int maxFailuresPerClient();

  Duration failureWindow();
}
