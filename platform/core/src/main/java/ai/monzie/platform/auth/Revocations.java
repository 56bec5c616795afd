package ai.monzie.platform.auth;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Deleted users and ended sessions, refused on every request until their tokens would have expired
 * anyway. The consumer that applies {@code user.deleted} / {@code session.revoked} writes the row
 * in its event transaction and puts it in this instance's memory at once; every other instance
 * reloads the table every {@code monzie.tokens.revocation-refresh} (1 s), so with several pods a
 * revoked token stops working everywhere within that interval. The check itself reads memory only:
 * no database round trip per request.
 */
@ApplicationScoped
public class Revocations {

  private static final Logger LOG = Logger.getLogger(Revocations.class);

  private final RevocationRepository repository;
  private final TokenPolicy policy;
  private final Map<String, Instant> subjects = new ConcurrentHashMap<>();
  private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

  Revocations(RevocationRepository repository, TokenPolicy policy) {
    this.repository = repository;
    this.policy = policy;
  }

  /**
   * Refuses the user's tokens, in the caller's transaction (the deletion or its event). Call it
   * before deleting the user's data: it waits for work of that user finishing right now (see {@link
   * #isDeleted}) and holds it off until the transaction ends.
   */
  public Uni<Void> revokeSubject(SqlConnection tx, UUID user) {
    return repository
        .lockSubject(tx, user.toString(), true)
        .flatMap(x -> revoke(tx, RevocationRepository.SUBJECT, user.toString(), subjects));
  }

  /**
   * Whether the user was deleted, for work that is about to store something for them (a job that
   * finishes after the deletion must leave nothing behind). Holds off a deletion until the caller's
   * transaction ends, so the answer stays true for that transaction.
   */
  public Uni<Boolean> isDeleted(SqlConnection tx, UUID user) {
    return repository
        .lockSubject(tx, user.toString(), false)
        .flatMap(x -> repository.isSubjectRevoked(tx, user.toString()));
  }

  /** Refuses the session's tokens ({@code sid}), in the caller's transaction. */
  public Uni<Void> revokeSession(SqlConnection tx, UUID session) {
    return revoke(tx, RevocationRepository.SESSION, session.toString(), sessions);
  }

  private Uni<Void> revoke(SqlConnection tx, String kind, String id, Map<String, Instant> memory) {
    // kept as long as a token issued just now could live
    return repository
        .insert(tx, kind, id, policy.maxLifetime().plus(policy.clockSkew()))
        .invoke(expires -> memory.put(id, expires))
        .replaceWithVoid();
  }

  /** Whether a token of this subject and session (may be null) must be refused. */
  public Uni<Boolean> isRevoked(String subject, String session) {
    if (policy.revocationsFromDatabase()) {
      return repository.isRevoked(subject, session);
    }
    Instant now = Instant.now();
    return Uni.createFrom().item(live(subjects, subject, now) || live(sessions, session, now));
  }

  private static boolean live(Map<String, Instant> memory, String id, Instant now) {
    if (id == null) {
      return false;
    }
    Instant expires = memory.get(id);
    return expires != null && expires.isAfter(now);
  }

  /**
   * Adds what other instances stored and drops what expired. It never removes a live entry, so a
   * revocation this instance just applied cannot vanish because a reload read the table a moment
   * before that transaction committed.
   */
  @Scheduled(
      every = "${monzie.tokens.revocation-refresh:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> reload() {
    if (policy.revocationsFromDatabase()) {
      return Uni.createFrom().voidItem();
    }
    return repository
        .live()
        .invoke(
            rows -> {
              for (RevocationRepository.Revocation row : rows) {
                (RevocationRepository.SUBJECT.equals(row.kind()) ? subjects : sessions)
                    .put(row.id(), row.expiresAt());
              }
              Instant now = Instant.now();
              subjects.values().removeIf(expires -> !expires.isAfter(now));
              sessions.values().removeIf(expires -> !expires.isAfter(now));
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("revocations not reloaded (tried again shortly): %s", e.getMessage());
              return null;
            });
  }

  @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> sweep() {
    return repository.deleteExpired().replaceWithVoid();
  }
}
