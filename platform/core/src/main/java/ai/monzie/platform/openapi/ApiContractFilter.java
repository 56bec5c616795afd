package ai.monzie.platform.openapi;

import ai.monzie.platform.problem.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every service's OpenAPI document says the same way, so a generated client gets what the wire
 * does: one bearer JWT scheme (roles move from scopes, which a plain bearer has none of, to {@code
 * x-monzie-roles}), every 4xx/5xx answered as {@code application/problem+json} with the shared
 * {@code Problem} schema, and the failures every route can give (400 on input, 401/403 on secured
 * routes, 500) listed even where the resource only declares its own. Responses and parameters a
 * service declares once as components and names by {@code ref} are written into each operation.
 * Runs at build time (registered with {@code mp.openapi.filter}), so the stored and the served
 * document are one.
 */
public class ApiContractFilter implements OASFilter {

  /** The one security scheme: an access token from profile-service, sent as a bearer token. */
  public static final String BEARER = "bearer";

  public static final String PROBLEM = "Problem";
  public static final String ROLES_EXTENSION = "x-monzie-roles";

  private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
  private static final String RESPONSES_REF = "#/components/responses/";
  private static final String PARAMETERS_REF = "#/components/parameters/";

  private static final Map<String, String> STANDARD_FAILURES =
      Map.of(
          "400", "The request is not valid (malformed JSON, a field or parameter out of range).",
          "401", "No valid access token: send 'Authorization: Bearer <token>'.",
          "403", "The token is valid but not for this call (its role, or not a user's token).",
          "500", "Unexpected failure on our side; safe to retry.");

  /**
   * A nullable enum ({@code type: [string, "null"]}) must list null among its values too, or a
   * validator refuses the null the type allows.
   */
  @Override
  public Schema filterSchema(Schema schema) {
    if (schema.getType() != null
        && schema.getType().contains(Schema.SchemaType.NULL)
        && schema.getEnumeration() != null
        && !schema.getEnumeration().contains(null)) {
      List<Object> values = new ArrayList<>(schema.getEnumeration());
      values.add(null);
      schema.setEnumeration(values);
    }
    return schema;
  }

  @Override
  public void filterOpenAPI(OpenAPI api) {
    Components components = api.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      api.setComponents(components);
    }
    components.setSecuritySchemes(new TreeMap<>(Map.of(BEARER, bearerScheme())));
    components.addSchema(PROBLEM, problemSchema());
    if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
      return;
    }
    inlineSharedParts(api);
    api.getPaths()
        .getPathItems()
        .values()
        .forEach(item -> item.getOperations().values().forEach(ApiContractFilter::contract));
    requireAnswerFields(api);
  }

  /**
   * A response or parameter several operations share is written once (a component, named by {@code
   * ref}) and copied into each here: generated clients and the contract checks read an operation's
   * answers and parameters inline, so the document reads as if each operation spelled them out.
   */
  private static void inlineSharedParts(OpenAPI api) {
    Components components = api.getComponents();
    Map<String, APIResponse> responses =
        components.getResponses() == null ? Map.of() : components.getResponses();
    Map<String, Parameter> parameters =
        components.getParameters() == null ? Map.of() : components.getParameters();
    for (PathItem item : api.getPaths().getPathItems().values()) {
      for (Operation operation : item.getOperations().values()) {
        if (operation.getResponses() != null
            && operation.getResponses().getAPIResponses() != null) {
          new ArrayList<>(operation.getResponses().getAPIResponses().entrySet())
              .forEach(
                  entry ->
                      operation
                          .getResponses()
                          .addAPIResponse(
                              entry.getKey(),
                              shared(
                                  entry.getValue().getRef(),
                                  RESPONSES_REF,
                                  responses,
                                  entry.getValue())));
        }
        if (operation.getParameters() != null) {
          List<Parameter> inline = new ArrayList<>();
          operation
              .getParameters()
              .forEach(p -> inline.add(shared(p.getRef(), PARAMETERS_REF, parameters, p)));
          operation.setParameters(inline);
        }
      }
    }
    components.setResponses(null);
    components.setParameters(null);
  }

  private static <T> T shared(String ref, String prefix, Map<String, T> components, T inline) {
    if (ref == null || !ref.startsWith(prefix)) {
      return inline;
    }
    T component = components.get(ref.substring(prefix.length()));
    if (component == null) {
      throw new IllegalStateException("OpenAPI: " + ref + " is not declared");
    }
    return component;
  }

  /**
   * Jackson writes every component of an answer record, null or not, so each property of a schema
   * that a 2xx answer uses is required (a null one is declared nullable). A schema that already
   * lists its required properties (one written with {@code NON_NULL}) keeps its list.
   */
  private static void requireAnswerFields(OpenAPI api) {
    List<Schema> todo = new ArrayList<>();
    for (PathItem item : api.getPaths().getPathItems().values()) {
      for (Operation operation : item.getOperations().values()) {
        operation
            .getResponses()
            .getAPIResponses()
            .forEach(
                (status, response) -> {
                  if (status.startsWith("2") && response.getContent() != null) {
                    response.getContent().getMediaTypes().values().stream()
                        .map(MediaType::getSchema)
                        .forEach(todo::add);
                  }
                });
      }
    }
    Map<String, Schema> schemas =
        api.getComponents().getSchemas() == null ? Map.of() : api.getComponents().getSchemas();
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!todo.isEmpty()) {
      Schema schema = todo.remove(todo.size() - 1);
      if (schema == null || !seen.add(schema)) {
        continue;
      }
      if (schema.getRef() != null) {
        todo.add(schemas.get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1)));
      }
      if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
        if (schema.getRequired() == null || schema.getRequired().isEmpty()) {
          schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
        }
        todo.addAll(schema.getProperties().values());
      }
      todo.add(schema.getItems());
      todo.add(schema.getAdditionalPropertiesSchema());
      addAll(todo, schema.getAnyOf());
      addAll(todo, schema.getOneOf());
      addAll(todo, schema.getAllOf());
    }
  }

  private static void addAll(List<Schema> into, List<Schema> schemas) {
    if (schemas != null) {
      into.addAll(schemas);
    }
  }

  private static void contract(Operation operation) {
    List<String> roles = roles(operation);
    boolean optional = isOptional(operation);
    if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
      List<SecurityRequirement> security = new ArrayList<>();
      if (optional) {
        security.add(OASFactory.createSecurityRequirement()); // {}: anonymous is allowed too
      }
      security.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
      operation.setSecurity(security);
      if (!roles.isEmpty()) {
        operation.addExtension(ROLES_EXTENSION, roles);
      }
    }
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
    boolean hasInput =
        operation.getRequestBody() != null
            || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    if (hasInput) {
      addIfAbsent(responses, "400");
    }
    if (secured) {
      addIfAbsent(responses, "401");
      if (!optional) {
        // a valid token of the wrong kind: a user's on an operator route, a service's on a user's
        addIfAbsent(responses, "403");
      }
    }
    addIfAbsent(responses, "500");
    responses.getAPIResponses().forEach(ApiContractFilter::problemContent);
  }

  /** The roles Quarkus wrote as scopes (from {@code @RolesAllowed}), in first-seen order. */
  private static List<String> roles(Operation operation) {
    Set<String> roles = new LinkedHashSet<>();
    if (operation.getSecurity() != null) {
      operation
          .getSecurity()
          .forEach(
              requirement -> {
                if (requirement.getSchemes() != null) {
                  requirement.getSchemes().values().forEach(scopes -> addAll(roles, scopes));
                }
              });
    }
    return new ArrayList<>(roles);
  }

  /** An empty requirement next to a real one is OpenAPI's way of saying "token optional". */
  private static boolean isOptional(Operation operation) {
    List<SecurityRequirement> security = operation.getSecurity();
    return security != null
        && security.size() > 1
        && security.stream().anyMatch(r -> r.getSchemes() == null || r.getSchemes().isEmpty());
  }

  private static void addAll(Set<String> into, List<String> scopes) {
    if (scopes != null) {
      into.addAll(scopes);
    }
  }

  private static void addIfAbsent(APIResponses responses, String status) {
    if (responses.getAPIResponse(status) == null) {
      responses.addAPIResponse(
          status, OASFactory.createAPIResponse().description(STANDARD_FAILURES.get(status)));
    }
  }

  /** Every failure, whatever the resource declared, is a problem document. */
  private static void problemContent(String status, APIResponse response) {
    if (!status.startsWith("4") && !status.startsWith("5")) {
      return;
    }
    Content content = OASFactory.createContent();
    content.addMediaType(
        Problem.MEDIA_TYPE,
        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    response.setContent(content);
    if (response.getDescription() == null || response.getDescription().isBlank()) {
      response.setDescription(STANDARD_FAILURES.getOrDefault(status, "See the problem's type."));
    }
  }

  private static SecurityScheme bearerScheme() {
    return OASFactory.createSecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description(
            "An RS256 access token from profile-service (POST /v1/auth/token), verified against"
                + " /.well-known/jwks.json. Operators use a token with the service_role role;"
                + " x-monzie-roles on an operation names the role it needs.");
  }

  /** RFC 9457, as {@code ai.monzie.platform.problem.Problem} writes it. */
  private static Schema problemSchema() {
    Map<String, Schema> properties = new TreeMap<>();
    properties.put(
        "type",
        OASFactory.createSchema()
            .addType(Schema.SchemaType.STRING)
            .format("uri")
            .description(
                "Stable URI of the problem type, e.g. https://monzie.ai/problems/validation"));
    properties.put(
        "title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("Stable"));
    properties.put(
        "status",
        OASFactory.createSchema()
            .addType(Schema.SchemaType.INTEGER)
            .format("int32")
            .description("The HTTP status"));
    properties.put(
        "detail",
        OASFactory.createSchema()
            .addType(Schema.SchemaType.STRING)
            .description("What went wrong with this request, for a person"));
    properties.put(
        "field",
        OASFactory.createSchema()
            .addType(Schema.SchemaType.STRING)
            .description("The offending field or parameter, snake_case"));
    properties.put(
        "errors",
        OASFactory.createSchema()
            .addType(Schema.SchemaType.ARRAY)
            .description("One entry per invalid field (validation problems)")
            .items(
                OASFactory.createSchema()
                    .addType(Schema.SchemaType.OBJECT)
                    .addProperty(
                        "field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                    .addProperty(
                        "message", OASFactory.createSchema().addType(Schema.SchemaType.STRING))));
    properties.put(
        "retry_after",
        OASFactory.createSchema()
            .addType(Schema.SchemaType.INTEGER)
            .format("int64")
            .description("Seconds to wait (429); also sent as the Retry-After header"));
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("An RFC 9457 problem document: every 4xx and 5xx answer of this API")
        .required(List.of("type", "title", "status"))
        .properties(properties)
        .additionalPropertiesBoolean(Boolean.TRUE);
  }
}
