package ai.monzie.platform.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The edge rules every service applies the same way (see platform/core's README). */
@ConfigMapping(prefix = "monzie.http")
public interface HttpConfig {

  /**
   * Peers whose {@code X-Forwarded-For} is believed, as CIDR blocks or single addresses. The
   * default is loopback: the local gateway. In Kubernetes set the Ingress controller's pod range
   * (Helm: {@code MONZIE_HTTP_TRUSTED_PROXIES}); {@code none} trusts no one.
   */
  @WithDefault("127.0.0.0/8,::1")
  List<String> trustedProxies();

  /**
   * The longest request target (path and query) answered; longer ones get a 414 problem. Below
   * {@code quarkus.http.limits.max-initial-line-length}, which Vert.x answers with an empty 414.
   */
  @WithDefault("4096")
  int maxUriLength();

  /**
   * The most header bytes (names and values) answered; more get a 431 problem. Below {@code
   * quarkus.http.limits.max-header-size}, which Vert.x answers with an empty 431.
   */
  @WithDefault("16384")
  int maxHeaderBytes();
}
