package ai.monzie.generation.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@code Idempotency-Key} is bound to: the SHA-256 of the request's canonical JSON (its
 * wire names, keys sorted, nulls dropped, numbers without trailing zeros, strings in Unicode NFC,
 * no whitespace). So a retry that orders its fields or spaces its JSON differently is the same
 * request, and the stored hash does not change when a Java record gains a field or its {@code
 * toString} does (which would turn every retry across a release into a conflict).
 */
final class RequestFingerprint {
  private RequestFingerprint() {}

  static String of(ObjectMapper json, Object request) {
    return sha256(canonical(json.valueToTree(request)));
  }

  static String canonical(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isNull()) {
          sorted.put(Normalizer.normalize(field.getKey(), Normalizer.Form.NFC), field.getValue());
        }
      }
      out.append('{');
      String separator = "";
      for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
        out.append(separator).append(TextNode.valueOf(field.getKey())).append(':');
        write(field.getValue(), out);
        separator = ",";
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      String separator = "";
      for (JsonNode item : node) {
        out.append(separator);
        write(item, out);
        separator = ",";
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(node.decimalValue().stripTrailingZeros().toPlainString());
    } else if (node.isTextual()) {
      out.append(TextNode.valueOf(Normalizer.normalize(node.textValue(), Normalizer.Form.NFC)));
    } else {
      out.append(node); // true, false
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
