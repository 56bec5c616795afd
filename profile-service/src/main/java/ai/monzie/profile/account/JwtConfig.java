package ai.monzie.profile.account;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "monzie.jwt")
public interface JwtConfig {
  /** PEM (PKCS#8) RSA private key that signs access tokens. */
  Optional<String> signingKeyLocation();

  /** The key id ({@code kid}) published in the JWKS; derived from the key when absent. */
  Optional<String> keyId();

  /** A JWKS file of retired public keys, still published until their tokens expire. */
  Optional<String> previousKeysLocation();

  String issuer();

  String audience();

  Duration accessTokenTtl();

  Duration refreshTokenTtl();
}
