package ai.monzie.profile.export;

import ai.monzie.platform.export.ExportParts;
import ai.monzie.platform.export.ExportRequested;
import ai.monzie.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Profile's part of an export: {@code profile.json} (account and profile, linked sign-in providers)
 * and {@code subscriptions.json} (subscription, credit grants, devices). Secrets never go in: no
 * password hash, refresh or one-time tokens, nor push tokens.
 */
@ApplicationScoped
public class ProfileExportPart {

  static final String SERVICE = "profile";

  private final ExportParts parts;
  private final OutboxWriter outbox;

  ProfileExportPart(ExportParts parts, OutboxWriter outbox) {
    this.parts = parts;
    this.outbox = outbox;
  }

  public Uni<Void> write(SqlConnection tx, ExportRequested request) {
    ExportParts.Part part = parts.start(request, SERVICE);
    UUID user = request.userId();
    return json(
            tx,
            """
            SELECT coalesce((
              SELECT jsonb_pretty(to_jsonb(p) - 'subscription_event_ms' - 'version'
                || jsonb_build_object('sign_in_providers', coalesce((
                     SELECT jsonb_agg(jsonb_build_object('provider', i.provider, 'email', i.email,
                                                         'linked_at', i.created_at)
                                      ORDER BY i.created_at)
                     FROM identities i WHERE i.user_id = p.id), '[]'::jsonb)))
              FROM profiles p WHERE p.id = $1), '{}') AS doc
            """,
            user)
        .flatMap(doc -> part.jsonText("profile.json", doc))
        .flatMap(
            x ->
                json(
                    tx,
                    """
                    SELECT jsonb_pretty(jsonb_build_object(
                      'subscription', (SELECT to_jsonb(s) - 'user_id' - 'last_event_id'
                                       FROM subscriptions s WHERE s.user_id = $1),
                      'credit_grants', coalesce((
                        SELECT jsonb_agg(to_jsonb(g) - 'user_id' ORDER BY g.granted_at)
                        FROM credit_grants g WHERE g.user_id = $1), '[]'::jsonb),
                      'devices', coalesce((
                        SELECT jsonb_agg(jsonb_build_object('platform', d.platform,
                                 'provider', d.provider, 'registered_at', d.created_at,
                                 'updated_at', d.updated_at) ORDER BY d.created_at)
                        FROM devices d WHERE d.user_id = $1), '[]'::jsonb))) AS doc
                    """,
                    user))
        .flatMap(doc -> part.jsonText("subscriptions.json", doc))
        .flatMap(x -> outbox.append(tx, part.ready()))
        .replaceWithVoid();
  }

  private static Uni<String> json(SqlConnection tx, String sql, UUID user) {
    return tx.preparedQuery(sql)
        .execute(Tuple.of(user))
        .map(rows -> rows.iterator().next().getString("doc"));
  }
}
