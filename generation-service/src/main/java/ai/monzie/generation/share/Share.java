package ai.monzie.generation.share;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to sharing an image: its token and the public URL built from it. */
public record Share(
    @Schema(description = "Unguessable (256 bits, base64url); the link's only permission")
        String token,
    @Schema(description = "Public page of the shared image (GET /v1/shared/{token})") String url) {}
