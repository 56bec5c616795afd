package ai.monzie.profile.account;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt (Bouncy Castle's OpenBSD implementation), an adaptive hash. Hashing takes tens of
 * milliseconds by design, so it runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class PasswordHasher {

  private static final SecureRandom RANDOM = new SecureRandom();
  // compared against when the email is unknown, so that both answers take the same time
  private static final String DUMMY =
      OpenBSDBCrypt.generate("not-a-password".toCharArray(), new byte[16], 10);

  private final int cost;

  PasswordHasher(AuthConfig config) {
    this.cost = config.bcryptCost();
  }

  public Uni<String> hash(String password) {
    return Uni.createFrom()
        .item(
            () -> {
              byte[] salt = new byte[16];
              RANDOM.nextBytes(salt);
              return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** True when the password matches; with a null hash it burns the same time and says false. */
  public Uni<Boolean> matches(String password, String hash) {
    return Uni.createFrom()
        .item(
            () -> {
              boolean ok =
                  OpenBSDBCrypt.checkPassword(hash == null ? DUMMY : hash, password.toCharArray());
              return hash != null && ok;
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
