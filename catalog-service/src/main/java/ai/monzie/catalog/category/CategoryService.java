package ai.monzie.catalog.category;

import ai.monzie.catalog.http.ReadCache;
import ai.monzie.platform.problem.PgErrors;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Category writes. Each one runs in its own transaction and drops the read cache once committed, so
 * the next public read sees the change.
 */
@ApplicationScoped
public class CategoryService {

  private final Pool pool;
  private final CategoryRepository categories;
  private final ReadCache cache;

  CategoryService(Pool pool, CategoryRepository categories, ReadCache cache) {
    this.pool = pool;
    this.categories = categories;
    this.cache = cache;
  }

  public Uni<List<Category>> listActive() {
    return categories.listActive();
  }

  public Uni<Category> create(CategoryInput input) {
    return pool.withTransaction(tx -> categories.insert(tx, input))
        .onFailure(e -> PgErrors.is(e, PgErrors.UNIQUE_VIOLATION))
        .transform(e -> conflict(input))
        .invoke(cache::invalidateAll);
  }

  public Uni<Category> update(UUID id, CategoryInput input) {
    if (input.slug() != null) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "slug cannot change: scenes and clients refer to it. Create a new category instead.",
          Map.of("field", "slug"));
    }
    return pool.withTransaction(tx -> categories.update(tx, id, input))
        .onFailure(e -> PgErrors.is(e, PgErrors.UNIQUE_VIOLATION))
        .transform(e -> conflict(input))
        .map(found -> found.orElseThrow(() -> new CategoryNotFound(id.toString())))
        .invoke(cache::invalidateAll);
  }

  /** DELETE = deactivate: its scenes stay as they are. */
  public Uni<Category> deactivate(UUID id) {
    CategoryInput off = new CategoryInput(null, null, null, null, null, false, null);
    return pool.withTransaction(tx -> categories.update(tx, id, off))
        .map(found -> found.orElseThrow(() -> new CategoryNotFound(id.toString())))
        .invoke(cache::invalidateAll);
  }

  private static ProblemException conflict(CategoryInput input) {
    return new ProblemException(
        ProblemType.CONFLICT,
        "A category with this name or slug exists already.",
        Map.of("fields", List.of("name", "slug")));
  }
}
