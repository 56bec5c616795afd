package ai.monzie.generation;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
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

  /**
   * The public address of a path, for headers such as {@code Location}: a relative URI would be
   * completed by the REST layer with the address the request reached, which behind the gateway is
   * the service's own ({@code http://127.0.0.1:8083}), unreachable for clients.
   */
  public URI uri(String path) {
    return URI.create(absolute(path));
  }
}
