package ai.monzie.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses unsafe text ({@link SafeText}) wherever a request body is read: String properties, String
 * map keys, and whole trees ({@link JsonNode} bodies, whose keys and values are walked).
 */
public class SafeTextModule extends SimpleModule {

  public SafeTextModule() {
    super("monzie-safe-text");
    addDeserializer(String.class, new SafeStrings());
    addKeyDeserializer(String.class, new SafeKeys());
    tree(JsonNode.class);
    tree(ObjectNode.class);
    tree(ArrayNode.class);
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // SafeTree returns what its delegate returns
  private <T extends JsonNode> void tree(Class<T> type) {
    addDeserializer(
        type,
        (JsonDeserializer<T>)
            (JsonDeserializer) new SafeTree(JsonNodeDeserializer.getDeserializer(type)));
  }

  static final class SafeStrings extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = super.deserialize(p, ctxt);
      if (!SafeText.isSafe(value)) {
        throw new UnsafeTextException(p);
      }
      return value;
    }
  }

  static final class SafeKeys extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      if (!SafeText.isSafe(key)) {
        throw new UnsafeTextException(ctxt.getParser());
      }
      return key;
    }
  }

  static final class SafeTree extends DelegatingDeserializer {
    SafeTree(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new SafeTree(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Object tree = super.deserialize(p, ctxt);
      if (tree instanceof JsonNode node) {
        Deque<Object> path = new ArrayDeque<>();
        if (!safe(node, path)) {
          UnsafeTextException e = new UnsafeTextException(p);
          // innermost first: prependPath builds the path from the leaf outwards
          for (Iterator<Object> it = path.iterator(); it.hasNext(); ) {
            Object step = it.next();
            if (step instanceof Integer index) {
              e.prependPath(node, index);
            } else {
              e.prependPath(node, (String) step);
            }
          }
          throw e;
        }
      }
      return tree;
    }

    /** Walks the tree; on the first unsafe text, {@code path} holds its steps, innermost first. */
    private static boolean safe(JsonNode node, Deque<Object> path) {
      if (node.isTextual()) {
        return SafeText.isSafe(node.textValue());
      }
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (!SafeText.isSafe(field.getKey()) || !safe(field.getValue(), path)) {
            path.addLast(field.getKey());
            return false;
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (!safe(node.get(i), path)) {
            path.addLast(i);
            return false;
          }
        }
      }
      return true;
    }
  }
}
