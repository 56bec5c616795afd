package ai.monzie.profile.plan;

import static ai.monzie.platform.problem.ProblemException.invalid;

import ai.monzie.platform.problem.PgErrors;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The plans on sale. Operators change them; store webhooks resolve product ids through them. */
@ApplicationScoped
public class PlanService {

  private final Pool pool;
  private final PlanRepository plans;

  PlanService(Pool pool, PlanRepository plans) {
    this.pool = pool;
    this.plans = plans;
  }

  public Uni<List<Plan>> listActive() {
    return plans.listActive(pool);
  }

  public Uni<Plan> create(PlanInput input) {
    checkShape(
        input.kind(), input.periodDays(), Boolean.TRUE.equals(input.unlimited()), input.credits());
    return pool.withTransaction(
            tx ->
                plans
                    .insert(tx, input)
                    .flatMap(x -> plans.replaceProducts(tx, input.key(), input.storeProductIds()))
                    .flatMap(x -> plans.find(tx, input.key())))
        .onFailure(e -> PgErrors.is(e, PgErrors.UNIQUE_VIOLATION))
        .transform(e -> conflict())
        .onFailure(e -> PgErrors.is(e, PgErrors.CHECK_VIOLATION))
        .transform(e -> invalid("kind", "a subscription needs period_days; a pack has none"))
        .map(created -> created.orElseThrow());
  }

  public Uni<Plan> update(String key, PlanInput input) {
    if (input.key() != null && !input.key().equals(key)) {
      throw new ProblemException(
          ProblemType.VALIDATION,
          "key cannot change: subscriptions refer to it. Create a new plan instead.",
          Map.of("field", "key"));
    }
    return pool.withTransaction(
            tx ->
                plans
                    .update(tx, key, input)
                    .flatMap(
                        found -> {
                          if (!found) {
                            return Uni.createFrom().failure(new PlanNotFound(key));
                          }
                          return input.storeProductIds() == null
                              ? Uni.createFrom().voidItem()
                              : plans.replaceProducts(tx, key, input.storeProductIds());
                        })
                    .flatMap(x -> plans.find(tx, key))
                    .map(
                        plan -> {
                          Plan p = plan.orElseThrow(() -> new PlanNotFound(key));
                          // the whole row must still make sense; throwing rolls the change back
                          checkShape(p.kind(), p.periodDays(), p.unlimited(), p.credits());
                          return p;
                        }))
        .onFailure(e -> PgErrors.is(e, PgErrors.UNIQUE_VIOLATION))
        .transform(e -> conflict())
        .onFailure(e -> PgErrors.is(e, PgErrors.CHECK_VIOLATION))
        .transform(e -> invalid("kind", "a subscription needs period_days; a pack has none"));
  }

  /** DELETE = no longer sold; subscribers of it keep renewing into it. */
  public Uni<Void> delete(String key) {
    PlanInput off = new PlanInput(null, null, null, null, null, null, null, null, null, false);
    return pool.withTransaction(tx -> plans.update(tx, key, off))
        .map(
            found -> {
              if (!found) {
                throw new PlanNotFound(key);
              }
              return null;
            });
  }

  private static void checkShape(
      String kind, Integer periodDays, boolean unlimited, Integer credits) {
    if (Plan.SUBSCRIPTION.equals(kind) && periodDays == null) {
      throw invalid("period_days", "a subscription needs period_days");
    }
    if (Plan.PACK.equals(kind) && periodDays != null) {
      throw invalid("period_days", "a pack never expires: leave period_days out");
    }
    if (Plan.PACK.equals(kind) && unlimited) {
      throw invalid("unlimited", "a pack holds a number of credits, it cannot be unlimited");
    }
    if (Plan.PACK.equals(kind) && credits != null && credits == 0) {
      throw invalid("credits", "a pack holds at least one credit");
    }
  }

  private static ProblemException conflict() {
    return new ProblemException(
        ProblemType.CONFLICT,
        "A plan with this key exists already, or one of its store_product_ids belongs to another plan.",
        Map.of("fields", List.of("key", "store_product_ids")));
  }
}
