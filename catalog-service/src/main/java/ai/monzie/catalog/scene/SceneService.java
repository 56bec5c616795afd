package ai.monzie.catalog.scene;

import ai.monzie.catalog.category.CategoryRepository;
import ai.monzie.catalog.http.ReadCache;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.PgErrors;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Catalog writes. Each one changes the scene, recounts the affected categories and writes the
 * {@code scene.changed} snapshot to the outbox in ONE transaction.
 */
@ApplicationScoped
public class SceneService {

  private final Pool pool;
  private final SceneRepository scenes;
  private final CategoryRepository categories;
  private final OutboxWriter outbox;
  private final ReadCache cache;

  SceneService(
      Pool pool,
      SceneRepository scenes,
      CategoryRepository categories,
      OutboxWriter outbox,
      ReadCache cache) {
    this.cache = cache;
    this.pool = pool;
    this.scenes = scenes;
    this.categories = categories;
    this.outbox = outbox;
  }

  public Uni<Scene> create(SceneInput input) {
    PromptTemplate.requireKnownPlaceholders("prompt_template", input.promptTemplate());
    PromptTemplate.requireKnownPlaceholders("negative_prompt", input.negativePrompt());
    return pool.withTransaction(
            tx ->
                categories
                    .lock(tx, List.of(input.category()))
                    .flatMap(locked -> scenes.insert(tx, input))
                    .call(scene -> categories.recountScenes(tx, List.of(scene.category())))
                    .call(scene -> publish(tx, scene)))
        .invoke(cache::invalidateAll)
        .onFailure()
        .transform(e -> translate(e, input));
  }

  public Uni<Scene> update(UUID id, SceneInput input) {
    PromptTemplate.requireKnownPlaceholders("prompt_template", input.promptTemplate());
    PromptTemplate.requireKnownPlaceholders("negative_prompt", input.negativePrompt());
    return pool.withTransaction(
            tx ->
                scenes
                    .find(tx, id)
                    .map(found -> found.orElseThrow(() -> new SceneNotFound(id.toString())))
                    .flatMap(
                        before -> {
                          List<String> affected =
                              Stream.of(before.category(), input.category())
                                  .filter(java.util.Objects::nonNull)
                                  .distinct()
                                  .toList();
                          return categories
                              .lock(tx, affected)
                              .flatMap(locked -> scenes.update(tx, id, input))
                              .call(after -> categories.recountScenes(tx, affected));
                        })
                    .call(scene -> publish(tx, scene)))
        .invoke(cache::invalidateAll)
        .onFailure()
        .transform(e -> translate(e, input));
  }

  /**
   * DELETE = deactivate: images keep their scene snapshot and ids stay valid (seed defect §7.1).
   */
  public Uni<Scene> deactivate(UUID id) {
    return update(
        id,
        new SceneInput(null, null, null, null, null, null, null, null, null, false, null, null));
  }

  private Uni<Void> publish(SqlConnection tx, Scene scene) {
    return outbox.append(tx, SceneChanged.of(scene)).replaceWithVoid();
  }

  private static Throwable translate(Throwable e, SceneInput input) {
    if (PgErrors.is(e, PgErrors.UNIQUE_VIOLATION)) {
      return new ProblemException(
          ProblemType.CONFLICT,
          "A scene named '" + input.name() + "' exists already.",
          Map.of("field", "name"));
    }
    if (PgErrors.is(e, PgErrors.FOREIGN_KEY_VIOLATION)) {
      return new ProblemException(
          ProblemType.VALIDATION,
          "category: no category with slug '" + input.category() + "'.",
          Map.of("field", "category"));
    }
    return e;
  }
}
