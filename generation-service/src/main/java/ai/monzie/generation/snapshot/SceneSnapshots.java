package ai.monzie.generation.snapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SceneSnapshots {

  public Uni<Optional<SceneSnapshot>> find(SqlClient client, UUID id) {
    return client
        .preparedQuery("SELECT " + SceneSnapshot.COLUMNS + " FROM scene_snapshots WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(SceneSnapshot.from(rows.iterator().next())));
  }

  /**
   * Stores the snapshot unless one with the same or a higher version is there: redelivery and
   * reordering never roll a scene back. Returns whether it was stored.
   */
  public Uni<Boolean> upsertIfNewer(SqlClient client, SceneSnapshot scene) {
    return client
        .preparedQuery(
            "INSERT INTO scene_snapshots AS s (id, name, category, prompt_template,"
                + " negative_prompt, style_keywords, is_active, is_premium, version, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                + " category = EXCLUDED.category, prompt_template = EXCLUDED.prompt_template,"
                + " negative_prompt = EXCLUDED.negative_prompt,"
                + " style_keywords = EXCLUDED.style_keywords, is_active = EXCLUDED.is_active,"
                + " is_premium = EXCLUDED.is_premium, version = EXCLUDED.version,"
                + " updated_at = EXCLUDED.updated_at, received_at = now()"
                + " WHERE s.version < EXCLUDED.version RETURNING id")
        .execute(
            Tuple.from(
                new Object[] {
                  scene.id(),
                  scene.name(),
                  scene.category(),
                  scene.promptTemplate(),
                  scene.negativePrompt(),
                  scene.styleKeywords().toArray(String[]::new),
                  scene.isActive(),
                  scene.isPremium(),
                  scene.version(),
                  scene.updatedAt()
                }))
        .map(rows -> rows.size() == 1);
  }
}
