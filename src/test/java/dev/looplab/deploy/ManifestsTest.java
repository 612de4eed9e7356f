package dev.looplab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The deploy/ manifests parse as YAML and carry the settings the lesson and the server's drain need. */
class ManifestsTest {

  @Test
  void knativeServiceHasTheLessonsScaleAndConcurrency() throws IOException {
    List<Map<String, Object>> docs = load("deploy/knative-service.yaml");
    assertEquals(1, docs.size());
    Map<String, Object> service = docs.get(0);
    assertEquals("serving.knative.dev/v1", service.get("apiVersion"));
    assertEquals("Service", service.get("kind"));
    Map<String, Object> template = map(map(service, "spec"), "template");
    Map<String, Object> annotations = map(map(template, "metadata"), "annotations");
    assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"));
    assertEquals("3", annotations.get("autoscaling.knative.dev/max-scale"));
    Map<String, Object> spec = map(template, "spec");
    assertEquals(5, spec.get("containerConcurrency"));
    Map<String, Object> container = onlyContainer(spec);
    assertEquals(8080, map(list(container, "ports").get(0)).get("containerPort"));
    assertHealthProbe(container, "readinessProbe");
    assertHealthProbe(container, "livenessProbe");
  }

  @Test
  void kubernetesDeploymentProbesHealthAndWaitsForTheDrain() throws IOException {
    List<Map<String, Object>> docs = load("deploy/kubernetes.yaml");
    Map<String, Object> deployment = kind(docs, "Deployment");
    Map<String, Object> service = kind(docs, "Service");
    assertEquals("apps/v1", deployment.get("apiVersion"));

    Map<String, Object> podTemplate = map(map(deployment, "spec"), "template");
    Map<String, Object> podLabels = map(map(podTemplate, "metadata"), "labels");
    assertEquals(map(map(map(deployment, "spec"), "selector"), "matchLabels"), podLabels);
    assertEquals(map(map(service, "spec"), "selector"), podLabels, "the Service must select the pods");

    Map<String, Object> pod = map(podTemplate, "spec");
    Map<String, Object> container = onlyContainer(pod);
    assertHealthProbe(container, "startupProbe");
    assertHealthProbe(container, "readinessProbe");
    assertHealthProbe(container, "livenessProbe");

    Map<String, String> env = new java.util.HashMap<>();
    list(container, "env").forEach(e -> env.put((String) map(e).get("name"), (String) map(e).get("value")));
    assertEquals("5", env.get("LOOPLAB_MAX_CONCURRENCY"), "no platform limits concurrency here: the server must");
    assertEquals("8080", env.get("PORT"));
    assertEquals(8080, map(list(container, "ports").get(0)).get("containerPort"));

    long drainMs = Long.parseLong(env.get("LOOPLAB_SHUTDOWN_GRACE_MS"));
    List<Object> preStop = list(map(map(map(container, "lifecycle"), "preStop"), "exec"), "command");
    long preStopMs = 1000L * Long.parseLong((String) preStop.get(preStop.size() - 1));
    long terminationMs = 1000L * ((Number) pod.get("terminationGracePeriodSeconds")).longValue();
    assertTrue(terminationMs > preStopMs + drainMs,
        "terminationGracePeriodSeconds must outlast preStop + the server's drain: " + terminationMs + " <= " + (preStopMs + drainMs));
  }

  private static void assertHealthProbe(Map<String, Object> container, String probe) {
    assertEquals("/health", map(map(container, probe), "httpGet").get("path"), probe);
  }

  private static Map<String, Object> onlyContainer(Map<String, Object> podSpec) {
    List<Object> containers = list(podSpec, "containers");
    assertEquals(1, containers.size());
    return map(containers.get(0));
  }

  private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in the manifest"));
  }

  private static List<Map<String, Object>> load(String file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(Path.of(file))) {
      for (Object doc : new Yaml().loadAll(reader)) {
        docs.add(map(doc));
      }
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertTrue(node instanceof Map, "expected a mapping, got " + node);
    return (Map<String, Object>) node;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return map(parent.get(key));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String key) {
    Object node = parent.get(key);
    assertTrue(node instanceof List, key + " should be a list, got " + node);
    return (List<Object>) node;
  }
}
