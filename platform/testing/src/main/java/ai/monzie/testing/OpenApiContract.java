package ai.monzie.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's served OpenAPI document ({@code /q/openapi}) and the checks that it describes the
 * wire: the same ones in every service, so each service's {@code OpenApiDocumentTest} only says
 * which of its answers to compare and which operations are public, user or operator.
 */
public final class OpenApiContract {

  public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
  public static final String PROBLEM_REF = "#/components/schemas/Problem";

  /** Roles of {@code x-monzie-roles}: what a token must carry for an operation. */
  public static final String USER = "authenticated";

  public static final String OPERATOR = "service_role";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CAMEL_CASE = Pattern.compile("[a-z0-9][A-Z]");
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private final JsonNode document;

  private OpenApiContract(JsonNode document) {
    this.document = document;
  }

  /** The document the running test application serves, as JSON. */
  public static OpenApiContract served() {
    String body =
        given()
            .accept("application/json")
            .when()
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return of(body);
  }

  public static OpenApiContract of(String json) {
    try {
      return new OpenApiContract(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode document() {
    return document;
  }

  /** One operation, e.g. {@code operation("get", "/v1/scenes")}. */
  public JsonNode operation(String method, String path) {
    JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
    assertThat(operation.isObject()).as("%s %s is documented", method, path).isTrue();
    return operation;
  }

  /** Every property name of every schema, components and inline, that is not snake_case. */
  public List<String> camelCaseProperties() {
    List<String> found = new ArrayList<>();
    collectCamelCase(document, "", found);
    return found;
  }

  private static void collectCamelCase(JsonNode node, String at, List<String> found) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("properties") && field.getValue().isObject()) {
          field
              .getValue()
              .fieldNames()
              .forEachRemaining(
                  name -> {
                    if (CAMEL_CASE.matcher(name).find()) {
                      found.add(at + "/properties/" + name);
                    }
                  });
        }
        if (field.getKey().equals("required") && field.getValue().isArray()) {
          field
              .getValue()
              .forEach(
                  name -> {
                    if (CAMEL_CASE.matcher(name.asText()).find()) {
                      found.add(at + "/required/" + name.asText());
                    }
                  });
        }
        collectCamelCase(field.getValue(), at + "/" + field.getKey(), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectCamelCase(node.get(i), at + "/" + i, found);
      }
    }
  }

  /**
   * Operation id (unique), tag, summary and description on every operation; every operation
   * documents 500 and, when it takes input, 400; every 4xx/5xx is the Problem schema as
   * application/problem+json; the Problem schema exists.
   */
  public List<String> operationProblems() {
    List<String> problems = new ArrayList<>();
    if (!document.path("components").path("schemas").path("Problem").isObject()) {
      problems.add("components/schemas/Problem is missing");
    }
    Set<String> ids = new HashSet<>();
    forEachOperation(
        (name, operation) -> {
          String id = operation.path("operationId").asText("");
          if (id.isBlank()) {
            problems.add(name + ": no operationId");
          } else if (!ids.add(id)) {
            problems.add(name + ": operationId " + id + " is used twice");
          }
          if (operation.path("tags").isEmpty()) {
            problems.add(name + ": no tag");
          }
          if (operation.path("summary").asText("").isBlank()) {
            problems.add(name + ": no summary");
          }
          if (operation.path("description").asText("").isBlank()) {
            problems.add(name + ": no description");
          }
          JsonNode responses = operation.path("responses");
          boolean success = false;
          for (Iterator<String> it = responses.fieldNames(); it.hasNext(); ) {
            String status = it.next();
            success |= status.startsWith("2");
            if (status.startsWith("4") || status.startsWith("5")) {
              JsonNode schema =
                  responses.path(status).path("content").path(PROBLEM_MEDIA_TYPE).path("schema");
              if (!PROBLEM_REF.equals(schema.path("$ref").asText())) {
                problems.add(name + " " + status + ": not a problem+json Problem");
              }
              if (responses.path(status).path("content").size() != 1) {
                problems.add(name + " " + status + ": answers more than problem+json");
              }
            }
          }
          if (!success) {
            problems.add(name + ": no 2xx answer");
          }
          if (!responses.has("500")) {
            problems.add(name + ": 500 not documented");
          }
          boolean input = operation.has("requestBody") || !operation.path("parameters").isEmpty();
          if (input && !responses.has("400")) {
            problems.add(name + ": takes input, 400 not documented");
          }
        });
    return problems;
  }

  /**
   * Every security requirement names a defined scheme, with no scopes (a plain bearer has none),
   * and every secured operation documents 401 and 403.
   */
  public List<String> securityProblems() {
    List<String> problems = new ArrayList<>();
    JsonNode schemes = document.path("components").path("securitySchemes");
    if (schemes.isEmpty()) {
      problems.add("no security scheme defined");
    }
    schemes
        .fields()
        .forEachRemaining(
            scheme -> {
              if (!"http".equals(scheme.getValue().path("type").asText())
                  || !"bearer".equals(scheme.getValue().path("scheme").asText())) {
                problems.add("scheme " + scheme.getKey() + " is not an http bearer scheme");
              }
            });
    forEachOperation(
        (name, operation) -> {
          boolean secured = false;
          for (JsonNode requirement : operation.path("security")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = requirement.fields(); it.hasNext(); ) {
              Map.Entry<String, JsonNode> used = it.next();
              secured = true;
              if (!schemes.has(used.getKey())) {
                problems.add(name + ": undefined security scheme " + used.getKey());
              }
              if (!used.getValue().isEmpty()) {
                problems.add(name + ": scopes " + used.getValue() + " on a bearer scheme");
              }
            }
          }
          boolean optional = false;
          for (JsonNode requirement : operation.path("security")) {
            optional |= requirement.isEmpty();
          }
          if (secured && !operation.path("responses").has("401")) {
            problems.add(name + ": secured, but 401 not documented");
          }
          // a valid token of the wrong role is 403, but where a token is optional nothing is
          if (secured && !optional && !operation.path("responses").has("403")) {
            problems.add(name + ": secured, but 403 not documented");
          }
        });
    return problems;
  }

  /** Who may call: {@code []} for public, else the roles of {@code x-monzie-roles}. */
  public List<String> roles(String method, String path) {
    JsonNode operation = operation(method, path);
    List<String> roles = new ArrayList<>();
    operation.path("x-monzie-roles").forEach(role -> roles.add(role.asText()));
    return roles;
  }

  /** Whether the operation can be called without a token (no security, or {} among its sets). */
  public boolean allowsAnonymous(String method, String path) {
    JsonNode security = operation(method, path).path("security");
    if (security.isEmpty()) {
      return true;
    }
    for (JsonNode requirement : security) {
      if (requirement.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The schema errors of a real answer against the documented 2xx schema of the operation, plus any
   * field of the answer (top level, or of the first array item) the schema does not name: a
   * camelCase schema for a snake_case answer fails here.
   */
  public List<String> answerProblems(String method, String path, int status, String body) {
    JsonNode schemaNode =
        operation(method, path)
            .path("responses")
            .path(String.valueOf(status))
            .path("content")
            .path("application/json")
            .path("schema");
    assertThat(schemaNode.isObject())
        .as("%s %s documents a JSON answer for %d", method, path, status)
        .isTrue();
    List<String> problems = new ArrayList<>();
    try {
      JsonNode answer = JSON.readTree(body);
      for (Error error : schemaOf(schemaNode).validate(body, InputFormat.JSON)) {
        problems.add(error.toString());
      }
      undeclaredFields(answer, resolve(schemaNode), "$", problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems;
  }

  /**
   * A schema of this document as a JSON Schema 2020-12 document: the components become {@code
   * $defs}, so its {@code $ref}s resolve.
   */
  private Schema schemaOf(JsonNode schemaNode) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("$defs", document.path("components").path("schemas").deepCopy());
    root.setAll((ObjectNode) schemaNode.deepCopy());
    String text = root.toString().replace("\"#/components/schemas/", "\"#/$defs/");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    return registry.getSchema(text);
  }

  private JsonNode resolve(JsonNode schema) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/")) {
      return document.at(ref.substring(1));
    }
    return schema;
  }

  private void undeclaredFields(JsonNode value, JsonNode schema, String at, List<String> out) {
    schema = resolve(schema);
    if (value.isObject() && schema.path("properties").isObject()) {
      JsonNode properties = schema.path("properties");
      value
          .fields()
          .forEachRemaining(
              field -> {
                if (!properties.has(field.getKey())) {
                  out.add(at + "." + field.getKey() + " is sent but not documented");
                } else {
                  undeclaredFields(
                      field.getValue(),
                      properties.get(field.getKey()),
                      at + "." + field.getKey(),
                      out);
                }
              });
    } else if (value.isArray() && !value.isEmpty() && schema.has("items")) {
      undeclaredFields(value.get(0), schema.get("items"), at + "[0]", out);
    }
  }

  private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method.getKey())) {
                            check.accept(
                                method.getKey().toUpperCase() + " " + path.getKey(),
                                method.getValue());
                          }
                        }));
  }
}
