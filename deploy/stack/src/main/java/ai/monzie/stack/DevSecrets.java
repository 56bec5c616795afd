package ai.monzie.stack;

import ai.monzie.infra.DevKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The local stack's development secrets, generated at the first start into the state folder (git
 * ignored, never committed): the RS256 signing key with its JWKS, the RevenueCat and Adapty webhook
 * secrets and the file-URL signing key; and the tokens minted with that key.
 */
final class DevSecrets {

  /** The subject of service_role tokens: no user. */
  static final String SERVICE_SUBJECT = "00000000-0000-0000-0000-000000000000";

  private final StackConfig config;

  DevSecrets(StackConfig config) {
    this.config = config;
  }

  /** Creates what is missing (keys, JWKS, secrets file). */
  void ensure(Consumer<String> progress) {
    if (!Files.exists(config.keys().resolve("jwt-private.pem"))) {
      progress.accept("generating development signing keys in " + config.keys());
    }
    keys().writeJwks(config.keys().resolve("jwks.json"));
    properties();
  }

  DevKeys keys() {
    return DevKeys.loadOrCreate(config.keys());
  }

  /**
   * secrets.properties: revenuecat-webhook-secret, adapty-webhook-secret and files-signing-key,
   * each created once (a state folder from before a secret existed gets that one added).
   */
  Properties properties() {
    Path file = config.stateDir().resolve("secrets.properties");
    Properties props = new Properties();
    try {
      if (Files.exists(file)) {
        try (var in = Files.newInputStream(file)) {
          props.load(in);
        }
        if (props.containsKey("adapty-webhook-secret")) {
          return props;
        }
      }
      Files.createDirectories(config.stateDir());
      props.putIfAbsent("revenuecat-webhook-secret", "rc_dev_" + random());
      props.putIfAbsent("adapty-webhook-secret", "adapty_dev_" + random());
      props.putIfAbsent("files-signing-key", random());
      try (var out = Files.newOutputStream(file)) {
        props.store(out, "local development secrets, generated at first start");
      }
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String token(String role, String subject, Duration ttl) {
    return keys().mint(role, subject, null, ttl);
  }

  private static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
