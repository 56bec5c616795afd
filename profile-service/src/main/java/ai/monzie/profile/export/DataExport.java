package ai.monzie.profile.export;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An export as its owner sees it; download_url only while it is ready. */
@Schema(name = "DataExport")
public record DataExport(
    UUID id,
    @Schema(enumeration = {"pending", "ready", "failed", "expired"}) String status,
    OffsetDateTime createdAt,
    @Schema(nullable = true) OffsetDateTime readyAt,
    @Schema(nullable = true, description = "When the archive is deleted") OffsetDateTime expiresAt,
    @Schema(
            nullable = true,
            description =
                "The archive's signed URL (no token needed), valid 24 hours; present when ready")
        String downloadUrl,
    @Schema(nullable = true, description = "Why the export failed") String failure) {

  /** The answer to a request: id and status only. */
  @Schema(name = "DataExportAccepted")
  public record Accepted(UUID id, @Schema(enumeration = {"pending"}) String status) {}
}
