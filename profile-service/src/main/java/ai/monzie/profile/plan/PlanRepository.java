package ai.monzie.profile.plan;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class PlanRepository {

  /** Active plans in display order, as the app's paywall lists them. */
  public Uni<List<Plan>> listActive(SqlClient client) {
    return client
        .query(
            "SELECT "
                + Plan.COLUMNS
                + " FROM plans p WHERE p.active ORDER BY p.display_order, p.key")
        .execute()
        .map(PlanRepository::all);
  }

  public Uni<Optional<Plan>> find(SqlClient client, String key) {
    return client
        .preparedQuery("SELECT " + Plan.COLUMNS + " FROM plans p WHERE p.key = $1")
        .execute(Tuple.of(key))
        .map(PlanRepository::first);
  }

  /** The plan a store product id is sold as, deleted plans included (their subscribers renew). */
  public Uni<Optional<Plan>> findByProduct(SqlClient client, String productId) {
    return client
        .preparedQuery(
            "SELECT "
                + Plan.COLUMNS
                + " FROM plans p JOIN plan_products x ON x.plan_key = p.key WHERE x.product_id = $1")
        .execute(Tuple.of(productId))
        .map(PlanRepository::first);
  }

  public Uni<Void> insert(SqlConnection tx, PlanInput in) {
    return tx.preparedQuery(
            """
            INSERT INTO plans (key, display_name, price_usd, credits, period_days, unlimited, kind,
              display_order)
            VALUES ($1, $2, $3, $4, $5, COALESCE($6, false), $7, COALESCE($8, 0))""")
        .execute(
            Tuple.from(
                new Object[] {
                  in.key(),
                  in.displayName(),
                  in.priceUsd(),
                  in.credits(),
                  in.periodDays(),
                  in.unlimited(),
                  in.kind(),
                  in.displayOrder()
                }))
        .replaceWithVoid();
  }

  /** Changes the fields given (null keeps one); false when there is no such plan. */
  public Uni<Boolean> update(SqlConnection tx, String key, PlanInput in) {
    return tx.preparedQuery(
            """
            UPDATE plans SET display_name = COALESCE($2, display_name),
              price_usd = COALESCE($3, price_usd), credits = COALESCE($4, credits),
              period_days = COALESCE($5, period_days), unlimited = COALESCE($6, unlimited),
              kind = COALESCE($7, kind), display_order = COALESCE($8, display_order),
              active = COALESCE($9, active), updated_at = now()
            WHERE key = $1 RETURNING key""")
        .execute(
            Tuple.from(
                new Object[] {
                  key,
                  in.displayName(),
                  in.priceUsd(),
                  in.credits(),
                  in.periodDays(),
                  in.unlimited(),
                  in.kind(),
                  in.displayOrder(),
                  in.active()
                }))
        .map(rows -> rows.size() == 1);
  }

  /** The plan's product ids become exactly these; one taken by another plan fails (unique). */
  public Uni<Void> replaceProducts(SqlConnection tx, String key, List<String> productIds) {
    return tx.preparedQuery("DELETE FROM plan_products WHERE plan_key = $1")
        .execute(Tuple.of(key))
        .flatMap(
            x ->
                tx.preparedQuery(
                        "INSERT INTO plan_products (product_id, plan_key)"
                            + " SELECT DISTINCT unnest($2::text[]), $1")
                    .execute(Tuple.of(key, productIds.toArray(String[]::new))))
        .replaceWithVoid();
  }

  private static List<Plan> all(RowSet<Row> rows) {
    List<Plan> plans = new ArrayList<>();
    rows.forEach(row -> plans.add(Plan.from(row)));
    return plans;
  }

  private static Optional<Plan> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Plan.from(rows.iterator().next()));
  }
}
