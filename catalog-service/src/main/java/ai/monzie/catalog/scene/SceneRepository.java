package ai.monzie.catalog.scene;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SceneRepository {

  private final Pool pool;

  SceneRepository(Pool pool) {
    this.pool = pool;
  }

  /** A keyset page: rows strictly after the cursor in the sort order, one extra to see a next. */
  public Uni<ScenePage> page(SceneQuery query) {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT " + Scene.COLUMNS + " FROM scenes WHERE is_active");
    if (query.category() != null) {
      params.add(query.category());
      sql.append(" AND category = $").append(params.size());
    }
    if (query.subcategory() != null) {
      params.add(query.subcategory());
      sql.append(" AND subcategory = $").append(params.size());
    }
    if (query.premium() != null) {
      params.add(query.premium());
      sql.append(" AND is_premium = $").append(params.size());
    }
    if (query.q() != null) {
      params.add(query.q());
      sql.append(" AND search @@ websearch_to_tsquery('english', $")
          .append(params.size())
          .append(")");
    }
    boolean popular = query.sort() == SceneQuery.Sort.POPULAR;
    if (query.after() != null) {
      long after = query.after().key();
      params.add(popular ? (Object) after : (Object) Math.toIntExact(after));
      int key = params.size();
      params.add(query.after().id());
      int id = params.size();
      sql.append(
          popular
              ? " AND (usage_count < $"
                  + key
                  + " OR (usage_count = $"
                  + key
                  + " AND id > $"
                  + id
                  + "))"
              : " AND (order_index, id) > ($" + key + ", $" + id + ")");
    }
    sql.append(popular ? " ORDER BY usage_count DESC, id" : " ORDER BY order_index, id");
    params.add(query.limit() + 1);
    sql.append(" LIMIT $").append(params.size());
    return pool.preparedQuery(sql.toString())
        .execute(Tuple.from(params))
        .map(
            rows -> {
              List<Scene> items = new ArrayList<>();
              rows.forEach(row -> items.add(Scene.from(row)));
              String next = null;
              if (items.size() > query.limit()) {
                items.remove(items.size() - 1);
                Scene last = items.get(items.size() - 1);
                next =
                    new SceneQuery.Cursor(
                            popular ? last.usageCount() : last.orderIndex(), last.id())
                        .encode();
              }
              return new ScenePage(items, next);
            });
  }

  public Uni<Optional<Scene>> find(SqlClient client, UUID id) {
    return client
        .preparedQuery("SELECT " + Scene.COLUMNS + " FROM scenes WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Scene.from(rows.iterator().next())));
  }

  public Uni<Optional<Scene>> findActive(UUID id) {
    return find(pool, id).map(scene -> scene.filter(Scene::isActive));
  }

  /** The scene's row, locked for the rest of the transaction. */
  public Uni<Optional<Scene>> lock(SqlConnection tx, UUID id) {
    return tx.preparedQuery("SELECT " + Scene.COLUMNS + " FROM scenes WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Scene.from(rows.iterator().next())));
  }

  public Uni<Scene> insert(SqlConnection tx, SceneInput in) {
    return tx.preparedQuery(
            "INSERT INTO scenes (name, description, category, subcategory, preview_url,"
                + " thumbnail_url, prompt_template, negative_prompt, style_keywords, is_active,"
                + " is_premium, order_index) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                + " COALESCE($9, '{}'::text[]), COALESCE($10, true), COALESCE($11, false),"
                + " COALESCE($12, 0)) RETURNING "
                + Scene.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  in.name(),
                  in.description(),
                  in.category(),
                  in.subcategory(),
                  in.previewUrl(),
                  in.thumbnailUrl(),
                  in.promptTemplate(),
                  in.negativePrompt(),
                  keywords(in),
                  in.isActive(),
                  in.isPremium(),
                  in.orderIndex()
                }))
        .map(rows -> Scene.from(rows.iterator().next()));
  }

  public Uni<Scene> update(SqlConnection tx, UUID id, SceneInput in) {
    return tx.preparedQuery(
            "UPDATE scenes SET name = COALESCE($2, name),"
                + " description = COALESCE($3, description), category = COALESCE($4, category),"
                + " subcategory = COALESCE($5, subcategory),"
                + " preview_url = COALESCE($6, preview_url),"
                + " thumbnail_url = COALESCE($7, thumbnail_url),"
                + " prompt_template = COALESCE($8, prompt_template),"
                + " negative_prompt = COALESCE($9, negative_prompt),"
                + " style_keywords = COALESCE($10, style_keywords),"
                + " is_active = COALESCE($11, is_active), is_premium = COALESCE($12, is_premium),"
                + " order_index = COALESCE($13, order_index),"
                + " version = version + 1, updated_at = now() WHERE id = $1 RETURNING "
                + Scene.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  in.name(),
                  in.description(),
                  in.category(),
                  in.subcategory(),
                  in.previewUrl(),
                  in.thumbnailUrl(),
                  in.promptTemplate(),
                  in.negativePrompt(),
                  keywords(in),
                  in.isActive(),
                  in.isPremium(),
                  in.orderIndex()
                }))
        .map(rows -> Scene.from(rows.iterator().next()));
  }

  /**
   * Adds usage per scene in one statement: one UPDATE per scene per polled batch, instead of the
   * seed's row update per image that made a popular scene's row a lock hot spot (§7.7).
   */
  public Uni<Void> addUsage(SqlConnection tx, UUID[] scenes, Long[] counts) {
    return tx.preparedQuery(
            "UPDATE scenes s SET usage_count = s.usage_count + v.n"
                + " FROM unnest($1::uuid[], $2::bigint[]) AS v(id, n) WHERE s.id = v.id")
        .execute(Tuple.of(scenes, counts))
        .replaceWithVoid();
  }

  private static String[] keywords(SceneInput in) {
    return in.styleKeywords() == null ? null : in.styleKeywords().toArray(String[]::new);
  }
}
