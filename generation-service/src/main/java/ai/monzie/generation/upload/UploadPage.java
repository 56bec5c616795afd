package ai.monzie.generation.upload;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the caller's uploads, newest first. */
public record UploadPage(
    List<Uploaded> items,
    @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last")
        String nextCursor) {}
