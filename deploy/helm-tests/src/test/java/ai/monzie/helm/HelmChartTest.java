package ai.monzie.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chart, linted and rendered by Helm itself (helm-java: Helm as a native library), every object
 * parsed into the Kubernetes model classes with nothing left over: a misspelt field lands in
 * "additional properties" and fails, a wrong type fails to parse.
 */
class HelmChartTest {

  static final Path ROOT = findRoot();
  static final Path CHART = ROOT.resolve("deploy/helm/monzie");
  static final Path PRODUCTION = CHART.resolve("ci/values-production.yaml");
  static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("Deployment", Deployment.class),
          Map.entry("Service", Service.class),
          Map.entry("ConfigMap", ConfigMap.class),
          Map.entry("ServiceAccount", ServiceAccount.class),
          Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("Ingress", Ingress.class),
          Map.entry("NetworkPolicy", NetworkPolicy.class),
          Map.entry("Secret", Secret.class));
  static final Set<String> CUSTOM = Set.of("HTTPRoute", "KafkaTopic", "ServiceMonitor");

  static Path findRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("deploy/routes.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("repository root not found");
  }

  static List<HasMetadata> render(Path values) throws Exception {
    var template = new Helm(CHART).template().withName("monzie").withNamespace("monzie");
    if (values != null) {
      template = template.withValuesFile(values);
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : template.call().split("(?m)^---\\s*$")) {
      JsonNode node = YAML.readTree(doc);
      if (node == null || node.isNull() || node.isEmpty()) {
        continue;
      }
      String kind = node.path("kind").asText();
      HasMetadata object;
      if (KINDS.containsKey(kind)) {
        object = YAML.treeToValue(node, KINDS.get(kind));
        assertStrict(object, kind + " " + object.getMetadata().getName());
      } else {
        assertThat(CUSTOM).as("unexpected kind " + kind).contains(kind);
        object = YAML.treeToValue(node, GenericKubernetesResource.class);
      }
      objects.add(object);
    }
    return objects;
  }

  /** No field of any model object went to additionalProperties: every field is a known one. */
  static void assertStrict(Object object, String where) throws Exception {
    walk(object, where, new IdentityHashMap<>());
  }

  private static void walk(Object o, String path, IdentityHashMap<Object, Boolean> seen)
      throws Exception {
    if (o == null || seen.put(o, true) != null) {
      return;
    }
    if (o instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", seen);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), seen);
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : o.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = (Map<String, Object>) getter.invoke(o);
        assertThat(extra)
            .as("unknown fields in " + path + " (" + o.getClass().getSimpleName() + ")")
            .isEmpty();
      } else if (getter.getName().startsWith("get") && !getter.getReturnType().isPrimitive()) {
        walk(getter.invoke(o), path + "." + getter.getName().substring(3), seen);
      }
    }
  }

  @Test
  void helmLintPassesForDefaultAndProductionValues() {
    var lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void defaultValuesRenderStrictlyParsedObjectsWithProbesResourcesAndSecurity() throws Exception {
    List<HasMetadata> objects = render(null);
    List<Deployment> deployments = of(objects, Deployment.class);
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "monzie-profile", "monzie-catalog", "monzie-generation", "monzie-analytics");
    for (Deployment d : deployments) {
      var pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getTopologySpreadConstraints()).isNotEmpty();
      Container c = pod.getContainers().get(0);
      assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
      assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
      assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      // secrets only by reference: every env value with a secret-ish name comes from a Secret
      c.getEnv().stream()
          .filter(
              e ->
                  e.getName().matches(".*(PASSWORD|SECRET|KEY).*")
                      && !e.getName().endsWith("_LOCATION"))
          .forEach(e -> assertThat(e.getValueFrom().getSecretKeyRef()).as(e.getName()).isNotNull());
    }
    // the Adapty webhook secret is optional: profile starts without it (the webhook answers 401)
    var adapty =
        deployments.stream()
            .filter(d -> d.getMetadata().getName().equals("monzie-profile"))
            .flatMap(
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream())
            .filter(e -> e.getName().equals("MONZIE_ADAPTY_WEBHOOK_SECRET"))
            .findFirst()
            .orElseThrow()
            .getValueFrom()
            .getSecretKeyRef();
    assertThat(adapty.getName()).isEqualTo("monzie-adapty");
    assertThat(adapty.getOptional()).isTrue();
    assertThat(of(objects, HorizontalPodAutoscaler.class)).hasSize(4);
    assertThat(of(objects, PodDisruptionBudget.class)).hasSize(4);
    assertThat(of(objects, NetworkPolicy.class)).hasSize(4);
    assertThat(of(objects, ServiceAccount.class)).hasSize(4);
    assertThat(of(objects, Secret.class)).as("the chart renders no Secret with values").isEmpty();
    for (ConfigMap cm : of(objects, ConfigMap.class)) {
      assertThat(cm.getData().keySet())
          .noneMatch(k -> k.contains("PASSWORD") || k.endsWith("_SECRET"));
    }
    // profile's account mails: the relay from values, its password from a Secret
    ConfigMap profile =
        of(objects, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("monzie-profile"))
            .findFirst()
            .orElseThrow();
    assertThat(profile.getData())
        .containsEntry("MONZIE_MAIL_SMTP_HOST", "smtp.example.com")
        .containsEntry("MONZIE_MAIL_SMTP_PORT", "587")
        .containsEntry("MONZIE_AUTH_REQUIRE_VERIFIED_EMAIL", "false")
        .doesNotContainKey("MONZIE_AUTH_APPLE_CLIENT_IDS"); // no client ids: the endpoint is off
    var smtpPassword =
        deployments.stream()
            .filter(d -> d.getMetadata().getName().equals("monzie-profile"))
            .flatMap(
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream())
            .filter(e -> e.getName().equals("MONZIE_MAIL_SMTP_PASSWORD"))
            .findFirst()
            .orElseThrow();
    assertThat(smtpPassword.getValueFrom().getSecretKeyRef().getName()).isEqualTo("monzie-smtp");
    // per-client limits need the client's address: the ingress pods' X-Forwarded-For is believed
    for (ConfigMap cm : of(objects, ConfigMap.class)) {
      if (cm.getData().containsKey("QUARKUS_HTTP_PORT")) { // a service's configuration
        assertThat(cm.getData().get("MONZIE_HTTP_TRUSTED_PROXIES"))
            .as(cm.getMetadata().getName())
            .contains("10.0.0.0/8");
      }
    }
  }

  /** deploy/routes.yaml: prefix -> its route (service and body limit), in file order. */
  static Map<String, JsonNode> routeTable() throws Exception {
    Map<String, JsonNode> routes = new LinkedHashMap<>();
    for (JsonNode r : YAML.readTree(ROOT.resolve("deploy/routes.yaml").toFile()).get("routes")) {
      routes.put(r.get("prefix").asText(), r);
    }
    return routes;
  }

  /**
   * A path the edge can publish safely: canonical (no dot segment, empty segment, escape, trailing
   * slash, regex character), below the root, never a service's /q management endpoints.
   */
  static void assertPublicPrefix(String path) {
    assertThat(path)
        .as("public path")
        .matches("(/[A-Za-z0-9._~-]+)+")
        .doesNotContain("/./")
        .doesNotContain("/../")
        .doesNotEndWith("/.")
        .doesNotEndWith("/..")
        .isNotEqualTo("/q")
        .doesNotStartWith("/q/");
  }

  @Test
  void theIngressServesExactlyTheRouteTableOfTheLocalGateway() throws Exception {
    Map<String, JsonNode> routes = routeTable();
    Map<String, String> expected = new LinkedHashMap<>();
    routes.forEach((prefix, r) -> expected.put(prefix, "monzie-" + r.get("service").asText()));
    List<Ingress> ingresses = of(render(null), Ingress.class);
    Map<String, String> actual = new LinkedHashMap<>();
    for (Ingress ingress : ingresses) {
      Map<String, String> annotations = ingress.getMetadata().getAnnotations();
      for (var path : ingress.getSpec().getRules().get(0).getHttp().getPaths()) {
        // Prefix matches whole path elements; Exact would break /v1/scenes/{id}, and
        // ImplementationSpecific is a regex to ingress-nginx
        assertThat(path.getPathType()).as(path.getPath()).isEqualTo("Prefix");
        assertPublicPrefix(path.getPath());
        assertThat(actual.put(path.getPath(), path.getBackend().getService().getName()))
            .as("routed twice: " + path.getPath())
            .isNull();
        // the route's body limit is the limit of the Ingress that carries it
        assertThat(annotations)
            .containsEntry(
                "nginx.ingress.kubernetes.io/proxy-body-size",
                routes.get(path.getPath()).get("maxBody").asText());
      }
      // nothing turns a path into a regex or rewrites it on the way in
      assertThat(annotations.keySet())
          .noneMatch(k -> k.endsWith("/use-regex") || k.endsWith("/rewrite-target"))
          .noneMatch(k -> k.endsWith("-snippet"));
      assertThat(annotations)
          .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true");
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void theIngressSetsHstsAndTheSecurityHeadersOnEveryResponse() throws Exception {
    List<HasMetadata> objects = render(null);
    ConfigMap headers =
        of(objects, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("monzie-response-headers"))
            .findFirst()
            .orElseThrow();
    assertSecurityHeaders(headers.getData());
    for (Ingress ingress : of(objects, Ingress.class)) {
      assertThat(ingress.getMetadata().getAnnotations())
          .containsEntry(
              "nginx.ingress.kubernetes.io/custom-headers", "monzie/monzie-response-headers");
      assertThat(ingress.getSpec().getTls()).isNotEmpty();
    }
  }

  static void assertSecurityHeaders(Map<String, String> headers) {
    assertThat(headers.get("Strict-Transport-Security"))
        .matches("max-age=([0-9]+); includeSubDomains.*")
        .satisfies(
            hsts ->
                assertThat(Long.parseLong(hsts.replaceAll("max-age=([0-9]+);.*", "$1")))
                    .as("a year at least")
                    .isGreaterThanOrEqualTo(31_536_000L));
    assertThat(headers)
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("X-Frame-Options", "DENY")
        .containsKey("Referrer-Policy");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHttpRouteServesTheRouteTableWithTheSecurityHeaders() throws Exception {
    GenericKubernetesResource route =
        of(render(PRODUCTION), GenericKubernetesResource.class).stream()
            .filter(o -> o.getKind().equals("HTTPRoute"))
            .findFirst()
            .orElseThrow();
    Map<String, String> actual = new LinkedHashMap<>();
    var rules =
        (List<Map<String, Object>>)
            ((Map<String, Object>) route.getAdditionalProperties().get("spec")).get("rules");
    for (Map<String, Object> rule : rules) {
      var match = ((List<Map<String, Map<String, String>>>) rule.get("matches")).get(0).get("path");
      assertThat(match.get("type")).isEqualTo("PathPrefix");
      assertPublicPrefix(match.get("value"));
      var backend = ((List<Map<String, Object>>) rule.get("backendRefs")).get(0);
      actual.put(match.get("value"), (String) backend.get("name"));
      var filter = ((List<Map<String, Object>>) rule.get("filters")).get(0);
      assertThat(filter.get("type")).isEqualTo("ResponseHeaderModifier");
      Map<String, String> set = new LinkedHashMap<>();
      for (var header :
          (List<Map<String, String>>)
              ((Map<String, Object>) filter.get("responseHeaderModifier")).get("set")) {
        set.put(header.get("name"), header.get("value"));
      }
      assertSecurityHeaders(set);
    }
    Map<String, String> expected = new LinkedHashMap<>();
    routeTable()
        .forEach((prefix, r) -> expected.put(prefix, "monzie-" + r.get("service").asText()));
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void theChartRefusesARouteUnderQOrOneThatIsNotCanonical() throws Exception {
    Path bad = Files.createTempFile("bad-routes", ".yaml");
    for (String prefix : List.of("/q/metrics", "/v1/auth/../q", "/v1/scenes/", "/v1/(.*)")) {
      Files.writeString(
          bad, "routes:\n  - {prefix: \"" + prefix + "\", service: catalog, maxBody: 64k}\n");
      assertThatThrownBy(() -> new Helm(CHART).template().withValuesFile(bad).call())
          .as(prefix)
          .hasMessageContaining("prefix");
    }
  }

  @Test
  void productionValuesRenderHttpRouteTopicsAndS3() throws Exception {
    List<HasMetadata> objects = render(PRODUCTION);
    assertThat(of(objects, Ingress.class)).isEmpty();
    List<GenericKubernetesResource> custom = of(objects, GenericKubernetesResource.class);
    assertThat(custom).filteredOn(o -> o.getKind().equals("HTTPRoute")).hasSize(1);
    assertThat(custom).filteredOn(o -> o.getKind().equals("ServiceMonitor")).hasSize(1);
    var topics = custom.stream().filter(o -> o.getKind().equals("KafkaTopic")).toList();
    assertThat(topics).hasSize(38); // 19 topics of deploy/contracts and their DLQs
    assertThat(topics)
        .anySatisfy(
            t ->
                assertThat(((Map<?, ?>) t.getAdditionalProperties().get("spec")).get("topicName"))
                    .isEqualTo("session.revoked"));
    var snapshot =
        topics.stream()
            .filter(
                t ->
                    "scene.changed"
                        .equals(
                            ((Map<?, ?>) t.getAdditionalProperties().get("spec")).get("topicName")))
            .findFirst()
            .orElseThrow();
    assertThat(
            ((Map<?, ?>) ((Map<?, ?>) snapshot.getAdditionalProperties().get("spec")).get("config"))
                .get("cleanup.policy"))
        .isEqualTo("compact");
    ConfigMap generation =
        of(objects, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("monzie-generation"))
            .findFirst()
            .orElseThrow();
    assertThat(generation.getData())
        .containsEntry("MONZIE_STORAGE_KIND", "s3")
        .containsEntry("MONZIE_MODEL_PROVIDER", "fal")
        // fal's webhooks come back through the public route /v1/webhooks/fal
        .containsEntry("MONZIE_FAL_WEBHOOK_BASE_URL", "https://api.monzie.ai");
    assertThat(of(objects, PersistentVolumeClaim.class)).isEmpty();
    // one bucket for all four services: a data export's parts are written by each, read by profile
    for (String name : List.of("profile", "catalog", "generation", "analytics")) {
      ConfigMap service =
          of(objects, ConfigMap.class).stream()
              .filter(c -> c.getMetadata().getName().equals("monzie-" + name))
              .findFirst()
              .orElseThrow();
      assertThat(service.getData())
          .as(service.getMetadata().getName())
          .containsEntry("MONZIE_STORAGE_KIND", "s3")
          .containsEntry("MONZIE_STORAGE_S3_BUCKET", "monzie-images-prod");
    }
    // FCM: the service account key is a mounted Secret, its path in profile's configuration
    ConfigMap profile =
        of(objects, ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().equals("monzie-profile"))
            .findFirst()
            .orElseThrow();
    assertThat(profile.getData())
        .containsEntry(
            "MONZIE_PUSH_FCM_SERVICE_ACCOUNT_LOCATION",
            "/var/run/secrets/monzie/fcm/service-account.json")
        .containsEntry("MONZIE_PUSH_EXPO_URL", "https://exp.host/--/api/v2/push");
    var profilePod =
        of(objects, Deployment.class).stream()
            .filter(d -> d.getMetadata().getName().equals("monzie-profile"))
            .findFirst()
            .orElseThrow()
            .getSpec()
            .getTemplate()
            .getSpec();
    assertThat(profilePod.getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName())
        .contains("monzie-fcm");
    assertThat(profilePod.getContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/monzie/fcm"));
  }

  @Test
  void valuesThatBreakTheSchemaFailAtInstallTime() throws Exception {
    Path bad = Files.createTempFile("bad-values", ".yaml");
    Files.writeString(bad, "services:\n  catalog:\n    replicas: two\n");
    assertThatThrownBy(() -> new Helm(CHART).template().withValuesFile(bad).call())
        .hasMessageContaining("replicas");
    Files.writeString(bad, "services:\n  generation:\n    storage:\n      kind: floppy\n");
    assertThatThrownBy(() -> new Helm(CHART).template().withValuesFile(bad).call())
        .hasMessageContaining("kind");
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(o -> (T) o).toList();
  }
}
