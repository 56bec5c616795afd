package ai.monzie.profile.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

/**
 * The RS256 key that signs access tokens, and the JWKS that lets every service verify them. The key
 * comes from configuration (a mounted secret), never from the repository.
 */
@ApplicationScoped
public class SigningKey {

  private static final Logger LOG = Logger.getLogger(SigningKey.class);

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyId;
  private final String jwks;

  SigningKey(JwtConfig config) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey key;
      if (config.signingKeyLocation().filter(s -> !s.isBlank()).isPresent()) {
        String pem = Files.readString(Path.of(config.signingKeyLocation().get()));
        byte[] der =
            Base64.getDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      } else {
        LOG.warn(
            "no monzie.jwt.signing-key-location: signing with a key generated in memory;"
                + " tokens will not survive a restart (fine for development only)");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
      }
      this.privateKey = key;
      this.publicKey =
          (RSAPublicKey)
              rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      this.keyId = config.keyId().filter(s -> !s.isBlank()).orElseGet(() -> thumbprint(publicKey));
      this.jwks = buildJwks(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signing key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the signing key is not an RSA PKCS#8 key", e);
    }
  }

  public RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }

  /** The current public key plus the retired ones, as {@code /.well-known/jwks.json} serves it. */
  public String jwks() {
    return jwks;
  }

  private String buildJwks(JwtConfig config) throws IOException {
    try {
      List<JsonWebKey> keys = new ArrayList<>();
      RsaJsonWebKey current = new RsaJsonWebKey(publicKey);
      current.setKeyId(keyId);
      current.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
      current.setUse("sig");
      keys.add(current);
      var previous = config.previousKeysLocation().filter(s -> !s.isBlank());
      if (previous.isPresent()) {
        for (JsonWebKey old :
            new JsonWebKeySet(Files.readString(Path.of(previous.get()))).getJsonWebKeys()) {
          if (!keyId.equals(old.getKeyId())) {
            keys.add(old);
          }
        }
      }
      return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    } catch (JoseException e) {
      throw new IllegalStateException("unreadable previous keys JWKS", e);
    }
  }

  private static String thumbprint(RSAPublicKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "k-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
