package ai.monzie.profile.profile;

import static ai.monzie.platform.problem.ProblemException.invalid;

import ai.monzie.platform.auth.Revocations;
import ai.monzie.platform.events.Topics;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import ai.monzie.profile.account.AccountRepository;
import ai.monzie.profile.mail.AccountMails;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ProfileService {

  /**
   * The only fields a user may change: premium, counters, subscription and email are not (§7.6).
   */
  static final Set<String> EDITABLE = Set.of("display_name", "gender", "avatar_url", "locale");

  public static final ProblemType PROFILE_NOT_FOUND =
      new ProblemType("profile-not-found", "Profile not found", 404);

  private final Pool pool;
  private final ProfileRepository profiles;
  private final AccountRepository accounts;
  private final OutboxWriter outbox;
  private final Revocations revocations;

  ProfileService(
      Pool pool,
      ProfileRepository profiles,
      AccountRepository accounts,
      OutboxWriter outbox,
      Revocations revocations) {
    this.revocations = revocations;
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

  public Uni<Profile> patch(UUID id, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("body", "send a JSON object with display_name, gender, avatar_url or locale");
    }
    List<String> refused = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!EDITABLE.contains(f)) {
                refused.add(f);
              }
            });
    if (!refused.isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "These fields cannot be changed here: "
              + refused
              + ". Editable: display_name, gender, avatar_url, locale.",
          Map.of("fields", refused));
    }
    String displayName = text(body, "display_name");
    if (displayName != null && displayName.length() > 80) {
      throw invalid("display_name", "at most 80 characters");
    }
    String gender = text(body, "gender");
    if (gender != null && !gender.equals("male") && !gender.equals("female")) {
      throw invalid("gender", "must be male, female or null");
    }
    String avatar = text(body, "avatar_url");
    if (avatar != null && !isHttpsUrl(avatar)) {
      throw invalid("avatar_url", "must be an https URL");
    }
    String locale = text(body, "locale");
    if (body.has("locale") && (locale == null || !AccountMails.LOCALES.contains(locale))) {
      throw invalid("locale", "must be en or tr");
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
                                displayName,
                                body.has("display_name"),
                                gender,
                                body.has("gender"),
                                avatar,
                                body.has("avatar_url"),
                                locale)
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

  /** Credentials, tokens and profile go in ONE transaction with {@code user.deleted}. */
  public Uni<Void> delete(UUID id) {
    return pool.withTransaction(
        tx ->
            accounts
                .deleteUser(tx, id)
                .flatMap(
                    deleted -> {
                      if (!deleted) {
                        return Uni.createFrom()
                            .failure(
                                new ProblemException(PROFILE_NOT_FOUND, "No account " + id + "."));
                      }
                      // refused here at once; the other services refuse on user.deleted
                      return revocations
                          .revokeSubject(tx, id)
                          .call(
                              () ->
                                  outbox.append(
                                      tx,
                                      Topics.USER_DELETED,
                                      id,
                                      new Deleted(id, OffsetDateTime.now())))
                          .replaceWithVoid();
                    }));
  }

  record Deleted(UUID userId, OffsetDateTime deletedAt) {}

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field, "must be a string or null");
    }
    return value.asText().isBlank() ? null : value.asText().trim();
  }

  private static boolean isHttpsUrl(String value) {
    try {
      URI uri = URI.create(value);
      return "https".equals(uri.getScheme()) && uri.getHost() != null && value.length() <= 2000;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
