package ai.monzie.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A JSON string (value or object key) that is not {@link SafeText}: a 400 naming the field. */
public class UnsafeTextException extends MismatchedInputException {

  public UnsafeTextException(JsonParser parser) {
    super(parser, "text " + SafeText.WHY, String.class);
  }
}
