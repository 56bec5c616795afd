package ai.monzie.generation;

import ai.monzie.platform.http.Caller;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Kept only for {@code upload/UploadResource} (another change is under way there); new code calls
 * {@link Caller#id} directly. Remove once that resource does too.
 */
@Deprecated(forRemoval = true)
public final class CurrentUser {
  private CurrentUser() {}

  public static UUID id(JsonWebToken jwt) {
    return Caller.id(jwt);
  }
}
