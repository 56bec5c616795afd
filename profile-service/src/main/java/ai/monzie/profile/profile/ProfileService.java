package ai.monzie.profile.profile;

import ai.monzie.platform.auth.Revocations;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import ai.monzie.profile.account.AccountRepository;
import ai.monzie.profile.export.ExportRepository;
import ai.monzie.profile.export.ExportService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProfileService {

  public static final ProblemType PROFILE_NOT_FOUND =
      new ProblemType("profile-not-found", "Profile not found", 404);

  private final Pool pool;
  private final ProfileRepository profiles;
  private final AccountRepository accounts;
  private final OutboxWriter outbox;
  private final Revocations revocations;
  private final ExportRepository exportRows;
  private final ExportService exports;

  ProfileService(
      ExportRepository exportRows,
      ExportService exports,
      Pool pool,
      ProfileRepository profiles,
      AccountRepository accounts,
      OutboxWriter outbox,
      Revocations revocations) {
    this.revocations = revocations;
    this.exportRows = exportRows;
    this.exports = exports;
    this.pool = pool;
    this.profiles = profiles;
    this.accounts = accounts;
    this.outbox = outbox;
  }

  public Uni<Profile> get(UUID id) {
    return profiles
        .find(pool, id)
        .map(
            found ->
                found.orElseThrow(
                    () -> new ProblemException(PROFILE_NOT_FOUND, "No profile " + id + ".")));
  }

  /** The owner's profile; last_seen_at is refreshed at most once a minute. */
  public Uni<Profile> me(UUID id) {
    return profiles.touch(pool, id).flatMap(x -> get(id));
  }

  /** The patch's fields are checked already (Bean Validation); refused ones are named here. */
  public Uni<Profile> patch(UUID id, ProfilePatch patch) {
    if (!patch.refused().isEmpty()) {
      List<String> refused = List.copyOf(patch.refused().keySet());
      throw new ProblemException(
          ProblemType.VALIDATION,
          "These fields cannot be changed here: "
              + refused
              + ". Editable: display_name, gender, avatar_url, notifications_enabled, locale.",
          Map.of("fields", refused));
    }
    return pool.withTransaction(
        tx ->
            profiles
                .find(tx, id)
                .flatMap(
                    before ->
                        profiles
                            .updateEditable(
                                tx,
                                id,
                                value(patch.displayName()),
                                patch.displayName() != null,
                                value(patch.gender()),
                                patch.gender() != null,
                                value(patch.avatarUrl()),
                                patch.avatarUrl() != null,
                                patch.notificationsEnabled(),
                                patch.locale())
                            .flatMap(
                                after -> {
                                  Profile profile =
                                      after.orElseThrow(
                                          () ->
                                              new ProblemException(
                                                  PROFILE_NOT_FOUND, "No profile."));
                                  boolean changed =
                                      before
                                          .map(b -> b.version() != profile.version())
                                          .orElse(false);
                                  return changed
                                      ? profiles.publishChanged(tx, profile)
                                      : Uni.createFrom().item(profile);
                                })));
  }

  /**
   * Credentials, tokens, profile and data exports go in ONE transaction with {@code user.deleted};
   * the exports' files (parts and archives) are deleted right after it commits.
   */
  public Uni<Void> delete(UUID id) {
    List<UUID> exportIds = new java.util.ArrayList<>();
    return pool.withTransaction(
            tx ->
                exportRows
                    .deleteForUser(tx, id)
                    .invoke(exportIds::addAll)
                    .flatMap(x -> accounts.deleteUser(tx, id))
                    .flatMap(
                        deleted -> {
                          if (!deleted) {
                            return Uni.createFrom()
                                .failure(
                                    new ProblemException(
                                        PROFILE_NOT_FOUND, "No account " + id + "."));
                          }
                          // refused here at once; the other services refuse on user.deleted
                          return revocations
                              .revokeSubject(tx, id)
                              .call(() -> outbox.append(tx, UserDeleted.now(id)))
                              .replaceWithVoid();
                        }))
        .call(() -> exports.deleteFiles(exportIds));
  }

  /** Absent (null) and cleared (empty) both bind as SQL null; the flag beside it tells which. */
  private static String value(Optional<String> field) {
    return field == null ? null : field.orElse(null);
  }
}
