package ai.monzie.profile.subscription;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "monzie.adapty")
public interface AdaptyConfig {
  /**
   * The value Adapty sends in the Authorization header (set in Adapty's webhook settings); unset =
   * webhook refused.
   */
  Optional<String> webhookSecret();
}
