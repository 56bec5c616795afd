package ai.monzie.generation;

import ai.monzie.platform.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/** A keyset cursor over (created_at, id), newest first: opaque base64url of micros and id. */
public record PageCursor(OffsetDateTime createdAt, UUID id) {

  public String encode() {
    Instant at = createdAt.toInstant();
    long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    String raw = micros + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Null for no cursor; a 400 on field {@code cursor} for one this API did not return. */
  public static PageCursor decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      long micros = Long.parseLong(raw.substring(0, colon));
      Instant at =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
      return new PageCursor(
          OffsetDateTime.ofInstant(at, ZoneOffset.UTC), UUID.fromString(raw.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw ProblemException.invalid(
          "cursor", "not a cursor this API returned; start again without it");
    }
  }
}
