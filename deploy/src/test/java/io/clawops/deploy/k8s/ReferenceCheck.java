package io.clawops.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Every Secret and ConfigMap a pod or KEDA refers to exists and holds the key referred to; every
 * claimed volume is declared. Optional references may point at nothing.
 */
final class ReferenceCheck {

  private final KustomizeTree tree;
  private final List<String> violations;

  ReferenceCheck(KustomizeTree tree, List<String> violations) {
    this.tree = tree;
    this.violations = violations;
  }

  void checkAll() {
    for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
      for (Manifest workload : tree.ofKind(kind)) {
        JsonNode podSpec = PodSpecs.of(workload);
        for (JsonNode container : PodSpecs.containers(podSpec)) {
          checkContainer(workload + " container " + container.path("name").asText(), container);
        }
        checkVolumes(workload, podSpec);
      }
    }
    for (Manifest authentication : tree.ofKind("TriggerAuthentication")) {
      for (JsonNode reference : authentication.spec().path("secretTargetRef")) {
        key(authentication.toString(), "Secret", reference, false);
      }
    }
  }

  private void checkContainer(String where, JsonNode container) {
    for (JsonNode variable : container.path("env")) {
      JsonNode from = variable.path("valueFrom");
      if (from.has("secretKeyRef")) {
        key(where, "Secret", from.path("secretKeyRef"), true);
      }
      if (from.has("configMapKeyRef")) {
        key(where, "ConfigMap", from.path("configMapKeyRef"), true);
      }
    }
    for (JsonNode source : container.path("envFrom")) {
      if (source.has("secretRef")) {
        exists(where, "Secret", source.path("secretRef"));
      }
      if (source.has("configMapRef")) {
        exists(where, "ConfigMap", source.path("configMapRef"));
      }
    }
  }

  private void checkVolumes(Manifest workload, JsonNode podSpec) {
    for (JsonNode volume : podSpec.path("volumes")) {
      if (volume.has("secret")) {
        JsonNode secret = volume.path("secret");
        exists(workload.toString(), "Secret", secret.path("secretName"), secret);
      }
      if (volume.has("configMap")) {
        exists(
            workload.toString(),
            "ConfigMap",
            volume.path("configMap").path("name"),
            volume.path("configMap"));
      }
      if (volume.has("persistentVolumeClaim")) {
        String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
        if (tree.ofKind("PersistentVolumeClaim").stream().noneMatch(c -> c.name().equals(claim))) {
          violations.add(workload + ": volume claims " + claim + ", which is not declared");
        }
      }
    }
  }

  private void key(String where, String kind, JsonNode reference, boolean mayBeOptional) {
    String name = reference.path("name").asText();
    String key = reference.path("key").asText();
    if (mayBeOptional && reference.path("optional").asBoolean(false)) {
      return;
    }
    Set<String> keys = keys(kind, name);
    if (keys == null) {
      violations.add(where + ": refers to " + kind + " " + name + ", which is not defined");
    } else if (!keys.contains(key)) {
      violations.add(
          where
              + ": refers to key "
              + key
              + " of "
              + kind
              + " "
              + name
              + ", which has only "
              + keys);
    }
  }

  private void exists(String where, String kind, JsonNode reference) {
    exists(where, kind, reference.path("name"), reference);
  }

  private void exists(String where, String kind, JsonNode name, JsonNode reference) {
    if (!reference.path("optional").asBoolean(false) && keys(kind, name.asText()) == null) {
      violations.add(
          where + ": refers to " + kind + " " + name.asText() + ", which is not" + " defined");
    }
  }

  private Set<String> keys(String kind, String name) {
    return kind.equals("Secret") ? tree.secretKeys(name) : tree.configMapKeys(name);
  }
}
