package ai.monzie.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One service's OpenAPI 3.1 document, and whether an HTTP exchange is one it describes: the
 * operation exists, every query parameter is declared and valid, the request and response bodies
 * match their schemas, the status and the response's media type are listed. Schemas are read closed
 * ({@code unevaluatedProperties: false} on every object schema that lists properties): a property
 * on the wire the document does not name is a mismatch, since a generated client would drop it (or
 * send one the service does not read).
 */
final class OpenApiDocument {

  /** One request and its response, as the test client saw them. */
  record Exchange(
      String method,
      String path,
      Map<String, List<String>> query,
      String requestContentType,
      String requestBody,
      int status,
      String responseContentType,
      String responseBody) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SCHEMA_MAPS = List.of("properties", "patternProperties");
  private static final List<String> SCHEMA_LISTS =
      List.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final List<String> SCHEMA_VALUES =
      List.of("items", "additionalProperties", "not", "contains", "if", "then", "else");

  private final String service;
  private final String iri;
  private final JsonNode document;
  private final SchemaRegistry schemas;
  private final List<PathTemplate> paths;

  private record PathTemplate(String template, Pattern pattern, int variables) {}

  OpenApiDocument(String service, String json) {
    this.service = service;
    this.iri = "https://contract.monzie.test/" + service + "/openapi.json";
    try {
      ObjectNode parsed = (ObjectNode) JSON.readTree(json);
      closeObjectSchemas(parsed);
      this.document = parsed;
      String closed = JSON.writeValueAsString(parsed);
      this.schemas =
          SchemaRegistry.withDefaultDialect(
              Dialects.getOpenApi31(),
              builder ->
                  builder
                      .schemas(Map.of(iri, closed))
                      .schemaRegistryConfig(
                          SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<PathTemplate> templates = new ArrayList<>();
    document
        .path("paths")
        .fieldNames()
        .forEachRemaining(
            template -> {
              String regex =
                  Pattern.compile("\\{[^}/]+}")
                      .splitAsStream(template)
                      .map(Pattern::quote)
                      .reduce((a, b) -> a + "[^/]+" + b)
                      .orElse("");
              if (template.endsWith("}")) {
                regex += "[^/]+";
              }
              int variables = template.split("\\{", -1).length - 1;
              templates.add(new PathTemplate(template, Pattern.compile(regex), variables));
            });
    // a literal path wins over a templated one: /v1/generations/stream, not /v1/generations/{id}
    templates.sort(Comparator.comparingInt(PathTemplate::variables));
    this.paths = List.copyOf(templates);
  }

  /** What in the exchange the document does not describe; empty when it describes all of it. */
  List<String> mismatches(Exchange exchange) {
    String where = exchange.method() + " " + exchange.path() + " (" + service + ")";
    Optional<PathTemplate> template =
        paths.stream().filter(p -> p.pattern().matcher(exchange.path()).matches()).findFirst();
    if (template.isEmpty()) {
      return List.of(where + ": no such path in the document");
    }
    JsonNode pathItem = document.path("paths").path(template.get().template());
    JsonNode operation = pathItem.path(exchange.method().toLowerCase(Locale.ROOT));
    if (operation.isMissingNode()) {
      return List.of(where + ": no " + exchange.method() + " operation in the document");
    }
    List<String> found = new ArrayList<>();
    checkQuery(exchange, pathItem, operation, found);
    checkRequestBody(exchange, operation, found);
    checkResponse(exchange, operation, found);
    return found.stream().map(m -> where + ": " + m).toList();
  }

  private void checkQuery(
      Exchange exchange, JsonNode pathItem, JsonNode operation, List<String> found) {
    Map<String, JsonNode> declared = new java.util.LinkedHashMap<>();
    for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
      for (JsonNode parameter : list) {
        JsonNode p = resolve(parameter);
        if ("query".equals(p.path("in").asText())) {
          declared.put(p.path("name").asText(), p);
        }
      }
    }
    exchange
        .query()
        .forEach(
            (name, values) -> {
              JsonNode parameter = declared.get(name);
              if (parameter == null) {
                found.add("query parameter '" + name + "' is not in the document");
                return;
              }
              JsonNode schema = parameter.path("schema");
              for (String value : values) {
                validate(schema, queryValue(schema, value))
                    .forEach(e -> found.add("query parameter '" + name + "': " + e));
              }
            });
    declared.forEach(
        (name, parameter) -> {
          if (parameter.path("required").asBoolean() && !exchange.query().containsKey(name)) {
            found.add("required query parameter '" + name + "' was not sent");
          }
        });
  }

  private void checkRequestBody(Exchange exchange, JsonNode operation, List<String> found) {
    JsonNode requestBody = resolve(operation.path("requestBody"));
    boolean sent = exchange.requestBody() != null && !exchange.requestBody().isEmpty();
    if (!sent) {
      if (requestBody.path("required").asBoolean()) {
        found.add("the document requires a request body, none was sent");
      }
      return;
    }
    if (requestBody.isMissingNode()) {
      found.add("a request body was sent, the document declares none");
      return;
    }
    String mediaType = mediaType(exchange.requestContentType());
    Optional<JsonNode> content = content(requestBody.path("content"), mediaType);
    if (content.isEmpty()) {
      found.add("request media type " + mediaType + " is not in the document");
    } else if (isJson(mediaType)) {
      Optional.ofNullable(content.get().get("schema"))
          .ifPresentOrElse(
              schema ->
                  validate(schema, exchange.requestBody())
                      .forEach(e -> found.add("request body: " + e)),
              // a JSON body without a schema is one a generated client cannot type
              () -> found.add("request body: the document gives no schema for it"));
    }
  }

  private void checkResponse(Exchange exchange, JsonNode operation, List<String> found) {
    JsonNode responses = operation.path("responses");
    String status = String.valueOf(exchange.status());
    JsonNode response = responses.path(status);
    if (response.isMissingNode()) {
      response = responses.path(status.charAt(0) + "XX");
    }
    if (response.isMissingNode()) {
      response = responses.path("default");
    }
    if (response.isMissingNode()) {
      found.add("status " + status + " is not in the document");
      return;
    }
    response = resolve(response);
    if (exchange.responseBody() == null || exchange.responseBody().isEmpty()) {
      return;
    }
    String mediaType = mediaType(exchange.responseContentType());
    Optional<JsonNode> content = content(response.path("content"), mediaType);
    if (content.isEmpty()) {
      found.add("response media type " + mediaType + " for " + status + " is not in the document");
    } else if (isJson(mediaType)) {
      String what = "response " + status + " body";
      Optional.ofNullable(content.get().get("schema"))
          .ifPresentOrElse(
              schema ->
                  validate(schema, exchange.responseBody())
                      .forEach(e -> found.add(what + ": " + e)),
              () -> found.add(what + ": the document gives no schema for it"));
    }
  }

  /** The schema errors of a JSON value; refs in the schema resolve against this document. */
  private List<String> validate(JsonNode schema, String json) {
    JsonNode anchored = anchorRefs(schema.deepCopy());
    try {
      Schema compiled =
          schemas.getSchema(
              SchemaLocation.of(iri + "#/x-exchange"),
              JSON.writeValueAsString(anchored),
              InputFormat.JSON);
      return compiled.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      return List.of("cannot be validated: " + e.getMessage());
    }
  }

  /** A schema taken out of the document: its local refs point into the document by IRI. */
  private JsonNode anchorRefs(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
        object.set("$ref", TextNode.valueOf(iri + ref.asText()));
      }
      object.forEach(this::anchorRefs);
    } else if (node.isArray()) {
      node.forEach(this::anchorRefs);
    }
    return node;
  }

  /** A query string value as the JSON value its schema's type reads it as. */
  private String queryValue(JsonNode schema, String value) {
    JsonNode type = resolve(schema).path("type");
    boolean scalar =
        type.isTextual()
            ? List.of("integer", "number", "boolean").contains(type.asText())
            : type.isArray()
                && (type.toString().contains("integer")
                    || type.toString().contains("number")
                    || type.toString().contains("boolean"));
    if (scalar && value.matches("-?\\d+(\\.\\d+)?|true|false")) {
      return value;
    }
    return TextNode.valueOf(value).toString();
  }

  /** Follows a {@code $ref} to a component (parameters, request bodies, responses). */
  private JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
      current = document.at(current.get("$ref").asText().substring(1));
    }
    return current;
  }

  private static Optional<JsonNode> content(JsonNode content, String mediaType) {
    if (content.has(mediaType)) {
      return Optional.of(content.get(mediaType));
    }
    String range = mediaType.substring(0, mediaType.indexOf('/') + 1) + "*";
    if (content.has(range)) {
      return Optional.of(content.get(range));
    }
    return Optional.ofNullable(content.get("*/*"));
  }

  private static String mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return "application/octet-stream";
    }
    return contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** Every object schema that lists its properties admits no others. */
  private static void closeObjectSchemas(ObjectNode document) {
    document.path("components").path("schemas").forEach(s -> closeSchema(s, false));
    document
        .path("paths")
        .forEach(
            item ->
                item.forEach(
                    operation -> {
                      closeContent(operation.path("requestBody").path("content"));
                      operation
                          .path("responses")
                          .forEach(response -> closeContent(response.path("content")));
                    }));
    document
        .path("components")
        .path("responses")
        .forEach(response -> closeContent(response.path("content")));
    document
        .path("components")
        .path("requestBodies")
        .forEach(body -> closeContent(body.path("content")));
  }

  private static void closeContent(JsonNode content) {
    content.forEach(media -> closeSchema(media.path("schema"), false));
  }

  private static void closeSchema(JsonNode schema, boolean partOfAllOf) {
    if (!(schema instanceof ObjectNode object)) {
      return;
    }
    if (object.has("properties")
        && !partOfAllOf
        && !object.has("additionalProperties")
        && !object.has("unevaluatedProperties")) {
      object.put("unevaluatedProperties", false);
    }
    SCHEMA_MAPS.forEach(key -> object.path(key).forEach(s -> closeSchema(s, false)));
    SCHEMA_LISTS.forEach(key -> object.path(key).forEach(s -> closeSchema(s, key.equals("allOf"))));
    SCHEMA_VALUES.forEach(key -> closeSchema(object.path(key), false));
  }
}
