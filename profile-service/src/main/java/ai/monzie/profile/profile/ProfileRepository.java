package ai.monzie.profile.profile;

import ai.monzie.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProfileRepository {

  private final OutboxWriter outbox;

  ProfileRepository(OutboxWriter outbox) {
    this.outbox = outbox;
  }

  public Uni<Optional<Profile>> find(SqlClient client, UUID id) {
    return client
        .preparedQuery("SELECT " + Profile.COLUMNS + " FROM profiles WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Profile.from(rows.iterator().next())));
  }

  public Uni<Profile> insert(
      SqlConnection tx, UUID id, String email, String gender, String displayName) {
    return insert(tx, id, email, gender, displayName, "en", false);
  }

  public Uni<Profile> insert(
      SqlConnection tx,
      UUID id,
      String email,
      String gender,
      String displayName,
      String locale,
      boolean emailVerified) {
    return tx.preparedQuery(
            "INSERT INTO profiles (id, email, gender, display_name, locale, email_verified)"
                + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
                + Profile.COLUMNS)
        .execute(Tuple.from(new Object[] {id, email, gender, displayName, locale, emailVerified}))
        .map(rows -> Profile.from(rows.iterator().next()));
  }

  /** Changes only the user-editable fields; bumps the version when others must hear of it. */
  public Uni<Optional<Profile>> updateEditable(
      SqlConnection tx,
      UUID id,
      String displayName,
      boolean setDisplayName,
      String gender,
      boolean setGender,
      String avatarUrl,
      boolean setAvatar,
      Boolean notificationsEnabled,
      String locale) {
    return tx.preparedQuery(
            "UPDATE profiles SET display_name = CASE WHEN $2 THEN $3 ELSE display_name END,"
                + " avatar_url = CASE WHEN $4 THEN $5 ELSE avatar_url END,"
                + " locale = coalesce($9, locale),"
                + " version = CASE WHEN $6 AND gender IS DISTINCT FROM $7 THEN version + 1 ELSE version END,"
                + " gender = CASE WHEN $6 THEN $7 ELSE gender END,"
                + " notifications_enabled = COALESCE($8, notifications_enabled),"
                + " updated_at = now() WHERE id = $1 RETURNING "
                + Profile.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  setDisplayName,
                  displayName,
                  setAvatar,
                  avatarUrl,
                  setGender,
                  gender,
                  notificationsEnabled,
                  locale
                }))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Profile.from(rows.iterator().next())));
  }

  /** The owner proved the email is theirs (a verification or reset mail, or the provider). */
  public Uni<Void> markEmailVerified(SqlConnection tx, UUID id) {
    return tx.preparedQuery(
            "UPDATE profiles SET email_verified = true, updated_at = now()"
                + " WHERE id = $1 AND NOT email_verified")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /** Refreshes last_seen_at when it is older than a minute: no write on every request. */
  public Uni<Void> touch(SqlClient client, UUID id) {
    return client
        .preparedQuery(
            "UPDATE profiles SET last_seen_at = now() WHERE id = $1"
                + " AND last_seen_at < now() - interval '1 minute'")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }

  /** Ends premium for every subscription past its expiry; returns the profiles changed. */
  public Uni<List<Profile>> expireSubscriptions(SqlConnection tx) {
    return tx.query(
            "UPDATE profiles SET is_premium = false, subscription_status = 'expired',"
                + " version = version + 1, updated_at = now()"
                + " WHERE is_premium AND subscription_expires_at <= now() RETURNING "
                + Profile.COLUMNS)
        .execute()
        .map(
            rows -> {
              List<Profile> changed = new ArrayList<>();
              rows.forEach(row -> changed.add(Profile.from(row)));
              return changed;
            });
  }

  /** Writes the {@code profile.changed} snapshot to the outbox, in the caller's transaction. */
  public Uni<Profile> publishChanged(SqlConnection tx, Profile profile) {
    return outbox.append(tx, ProfileChanged.of(profile)).replaceWith(profile);
  }

  /**
   * Adds generation and favorite deltas per profile in ONE statement (arrays unnested server-side);
   * favorites never drop below zero and the last generation time only moves forward.
   */
  public Uni<Void> addImageCounters(
      SqlConnection tx,
      UUID[] ids,
      Long[] generated,
      Long[] favorites,
      OffsetDateTime[] lastGeneration) {
    return tx.preparedQuery(
            """
            UPDATE profiles p SET generation_count = p.generation_count + v.g,
              favorite_count = GREATEST(0, p.favorite_count + v.f),
              last_generation_at = GREATEST(p.last_generation_at, v.last)
            FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::timestamptz[])
              AS v(id, g, f, last)
            WHERE p.id = v.id""")
        .execute(Tuple.of(ids, generated, favorites, lastGeneration))
        .replaceWithVoid();
  }

  /**
   * Sets the subscription state on the first of the candidate profiles, unless that profile already
   * applied a newer RevenueCat event; empty when nothing changed.
   */
  public Uni<Optional<Profile>> applySubscription(
      SqlConnection tx,
      List<UUID> candidates,
      Boolean premium,
      String status,
      OffsetDateTime expiresAt,
      String revenueCatUserId,
      long eventMs) {
    return tx.preparedQuery(
            """
            UPDATE profiles SET is_premium = $2, subscription_status = $3,
              subscription_expires_at = COALESCE($4, subscription_expires_at),
              revenue_cat_user_id = COALESCE($5, revenue_cat_user_id), subscription_event_ms = $6,
              version = version + 1, updated_at = now()
            WHERE id = (SELECT id FROM profiles WHERE id = ANY($1) ORDER BY id LIMIT 1)
              AND subscription_event_ms <= $6
            RETURNING\s"""
                + Profile.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  candidates.toArray(UUID[]::new),
                  premium,
                  status,
                  expiresAt,
                  revenueCatUserId,
                  eventMs
                }))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Profile.from(rows.iterator().next())));
  }
}
