package ai.monzie.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A development RSA signing key: generated at first use (never committed), kept as PEM files, and
 * published as a JWKS. Tests and {@code deploy/monzie token} mint access tokens with it.
 */
public final class DevKeys {

  public static final String DEFAULT_ISSUER = "https://monzie.ai";
  public static final String DEFAULT_AUDIENCE = "monzie-api";

  private final String keyId;
  private final PrivateKey privateKey;
  private final RSAPublicKey publicKey;

  private DevKeys(String keyId, PrivateKey privateKey, RSAPublicKey publicKey) {
    this.keyId = keyId;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** A fresh in-memory key (tests). */
  public static DevKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      String kid = "dev-" + UUID.randomUUID().toString().substring(0, 8);
      return new DevKeys(kid, pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads {@code jwt-private.pem}, {@code jwt-public.pem} and {@code jwt.kid} from the folder, or
   * generates and writes them on first use (private key readable by the owner only).
   */
  public static DevKeys loadOrCreate(Path folder) {
    Path privatePem = folder.resolve("jwt-private.pem");
    Path publicPem = folder.resolve("jwt-public.pem");
    Path kidFile = folder.resolve("jwt.kid");
    try {
      if (Files.exists(privatePem) && Files.exists(publicPem) && Files.exists(kidFile)) {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePem)));
        RSAPublicKey pub =
            (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(publicPem)));
        return new DevKeys(Files.readString(kidFile).trim(), priv, pub);
      }
      DevKeys keys = generate();
      Files.createDirectories(folder);
      Files.writeString(privatePem, pem("PRIVATE KEY", keys.privateKey.getEncoded()));
      Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(publicPem, pem("PUBLIC KEY", keys.publicKey.getEncoded()));
      Files.writeString(kidFile, keys.keyId + "\n");
      keys.writeJwks(folder.resolve("jwks.json"));
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("unreadable development key in " + folder, e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  /** The public key as a JSON Web Key Set, as {@code /.well-known/jwks.json} publishes it. */
  public String jwksJson() {
    try {
      RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
      jwk.setKeyId(keyId);
      jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
      jwk.setUse("sig");
      return new JsonWebKeySet(List.of(jwk)).toJson();
    } catch (RuntimeException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path writeJwks(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, jwksJson(), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An access token as the profile service issues them (claims of DESIGN.md §4). */
  public String mint(String role, String subject, String email, Duration ttl) {
    return mint(role, subject, email, ttl, DEFAULT_ISSUER, DEFAULT_AUDIENCE);
  }

  public String mint(
      String role, String subject, String email, Duration ttl, String issuer, String audience) {
    java.time.Instant now = java.time.Instant.now();
    return mint(role, subject, email, now, now.plus(ttl), java.util.Map.of(), issuer, audience);
  }

  /**
   * A token with chosen times and extra claims ({@code sid}, …): for tests of the checks beyond the
   * signature (a future {@code iat}, a lifetime longer than the issuer grants, a revoked sid).
   */
  public String mint(
      String role,
      String subject,
      String email,
      java.time.Instant issuedAt,
      java.time.Instant expiresAt,
      java.util.Map<String, Object> extra) {
    return mint(role, subject, email, issuedAt, expiresAt, extra, DEFAULT_ISSUER, DEFAULT_AUDIENCE);
  }

  private String mint(
      String role,
      String subject,
      String email,
      java.time.Instant issuedAt,
      java.time.Instant expiresAt,
      java.util.Map<String, Object> extra,
      String issuer,
      String audience) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setAudience(audience);
    claims.setSubject(subject);
    claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
    claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiresAt.getEpochSecond()));
    claims.setGeneratedJwtId();
    claims.setClaim("role", role);
    claims.setClaim("groups", List.of(role));
    if (email != null) {
      claims.setClaim("email", email);
    }
    extra.forEach(claims::setClaim);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(privateKey);
    jws.setKeyIdHeaderValue(keyId);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] readPem(Path file) throws IOException {
    String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
