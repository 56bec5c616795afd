package ai.monzie.profile.subscription;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "monzie.revenuecat")
public interface RevenueCatConfig {
  /** The shared secret RevenueCat sends in the Authorization header; unset = webhook refused. */
  Optional<String> webhookSecret();

  Duration expirySweepInterval();
}
