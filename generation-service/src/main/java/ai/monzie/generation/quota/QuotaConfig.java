package ai.monzie.generation.quota;

import io.smallrye.config.ConfigMapping;
import java.time.ZoneId;

@ConfigMapping(prefix = "monzie.quota")
public interface QuotaConfig {
  /** Generations a free user may request per day; premium users have no limit. */
  int freeDailyLimit();

  /** Where a day begins and ends (UTC by default). */
  ZoneId dayZone();
}
