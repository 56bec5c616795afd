package ai.monzie.catalog.category;

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
public class CategoryRepository {

  private final Pool pool;

  CategoryRepository(Pool pool) {
    this.pool = pool;
  }

  /** Active categories by order_index, as the app's home screen lists them. */
  public Uni<List<Category>> listActive() {
    return pool.query(
            "SELECT "
                + Category.COLUMNS
                + " FROM categories WHERE is_active ORDER BY order_index, slug")
        .execute()
        .map(
            rows -> {
              List<Category> categories = new ArrayList<>();
              rows.forEach(row -> categories.add(Category.from(row)));
              return categories;
            });
  }

  public Uni<Optional<Category>> find(SqlClient client, UUID id) {
    return client
        .preparedQuery("SELECT " + Category.COLUMNS + " FROM categories WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Category.from(rows.iterator().next())));
  }

  public Uni<Category> insert(SqlConnection tx, CategoryInput in) {
    return tx.preparedQuery(
            "INSERT INTO categories (name, slug, description, icon, thumbnail_url, is_active,"
                + " order_index) VALUES ($1, $2, $3, $4, $5, COALESCE($6, true), COALESCE($7, 0))"
                + " RETURNING "
                + Category.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  in.name(),
                  in.slug(),
                  in.description(),
                  in.icon(),
                  in.thumbnailUrl(),
                  in.isActive(),
                  in.orderIndex()
                }))
        .map(rows -> Category.from(rows.iterator().next()));
  }

  public Uni<Optional<Category>> update(SqlConnection tx, UUID id, CategoryInput in) {
    return tx.preparedQuery(
            "UPDATE categories SET name = COALESCE($2, name), slug = COALESCE($3, slug),"
                + " description = COALESCE($4, description), icon = COALESCE($5, icon),"
                + " thumbnail_url = COALESCE($6, thumbnail_url),"
                + " is_active = COALESCE($7, is_active), order_index = COALESCE($8, order_index),"
                + " updated_at = now() WHERE id = $1 RETURNING "
                + Category.COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  id,
                  in.name(),
                  in.slug(),
                  in.description(),
                  in.icon(),
                  in.thumbnailUrl(),
                  in.isActive(),
                  in.orderIndex()
                }))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(Category.from(rows.iterator().next())));
  }

  /**
   * Locks the categories' rows before their scenes change. Without it two transactions adding
   * scenes to one category could each count without the other's scene and store a wrong total.
   */
  public Uni<Void> lock(SqlConnection tx, List<String> slugs) {
    return tx.preparedQuery(
            "SELECT 1 FROM categories WHERE slug = ANY($1) ORDER BY slug FOR UPDATE")
        .execute(Tuple.of(slugs.toArray(String[]::new)))
        .replaceWithVoid();
  }

  /** Recounts active scenes, in the transaction that changed them (seed defect §7.3). */
  public Uni<Void> recountScenes(SqlConnection tx, List<String> slugs) {
    return tx.preparedQuery(
            "UPDATE categories c SET scene_count = (SELECT count(*) FROM scenes s"
                + " WHERE s.category = c.slug AND s.is_active), updated_at = now()"
                + " WHERE c.slug = ANY($1)")
        .execute(Tuple.of(slugs.toArray(String[]::new)))
        .replaceWithVoid();
  }
}
