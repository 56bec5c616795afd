package ai.monzie.generation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where clients reach this service: absolute URLs in responses start here (the gateway). */
@ApplicationScoped
public class PublicUrls {

  private final String base;

  PublicUrls(@ConfigProperty(name = "monzie.public-base-url") String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public String base() {
    return base;
  }

  public String absolute(String path) {
    return base + path;
  }
}
