package ai.monzie.profile.plan;

import io.vertx.mutiny.sqlclient.Row;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A plan as GET /v1/plans answers it (snake_case on the wire). */
public record Plan(
    @Schema(required = true, description = "Stable key, e.g. monzie_weekly") String key,
    @Schema(required = true) String displayName,
    @Schema(required = true, description = "Price in US dollars", example = "6.99")
        BigDecimal priceUsd,
    @Schema(required = true, description = "Credits per period (subscription) or in the pack")
        int credits,
    @Schema(nullable = true, description = "Length of one period; null for packs")
        Integer periodDays,
    @Schema(required = true, description = "Generations are not counted") boolean unlimited,
    @Schema(
            required = true,
            enumeration = {"subscription", "pack"})
        String kind,
    @Schema(required = true, description = "RevenueCat / Adapty product ids sold as this plan")
        List<String> storeProductIds,
    @Schema(required = true, description = "Lists sort by it, ascending") int displayOrder,
    @Schema(required = true, description = "false once deleted (no longer sold)") boolean active) {

  public static final String SUBSCRIPTION = "subscription";
  public static final String PACK = "pack";

  static final String COLUMNS =
      "p.key, p.display_name, p.price_usd, p.credits, p.period_days, p.unlimited, p.kind,"
          + " p.display_order, p.active,"
          + " ARRAY(SELECT pp.product_id FROM plan_products pp WHERE pp.plan_key = p.key"
          + " ORDER BY pp.product_id) AS store_product_ids";

  static Plan from(Row row) {
    String[] products = row.getArrayOfStrings("store_product_ids");
    return new Plan(
        row.getString("key"),
        row.getString("display_name"),
        row.getBigDecimal("price_usd"),
        row.getInteger("credits"),
        row.getInteger("period_days"),
        row.getBoolean("unlimited"),
        row.getString("kind"),
        products == null ? List.of() : Arrays.asList(products),
        row.getInteger("display_order"),
        row.getBoolean("active"));
  }

  public boolean isPack() {
    return PACK.equals(kind);
  }

  /** The credits a period of this plan grants: 0 when unlimited (nothing is counted). */
  public int periodCredits() {
    return unlimited ? 0 : credits;
  }
}
