package ai.monzie.generation.credits;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the user's credit history, newest first; next_cursor is null on the last page. */
@Schema(name = "LedgerPage")
public record LedgerPage(List<Entry> items, @Schema(nullable = true) String nextCursor) {

  /** One ledger row: signed amount, its bucket, and what caused it. */
  @Schema(name = "LedgerEntry")
  public record Entry(
      @Schema(enumeration = {"grant", "spend", "refund", "expiry", "revoke"}) String kind,
      @Schema(enumeration = {"plan", "pack"}) String bucket,
      @Schema(description = "+ grant, refund; - spend, expiry, revoke") int amount,
      @Schema(description = "The store event id or the generation id that caused it") String cause,
      OffsetDateTime createdAt) {}
}
