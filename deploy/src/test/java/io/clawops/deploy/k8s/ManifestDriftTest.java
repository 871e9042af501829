package io.clawops.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of drift between the manifests and the services is caught by the check. */
class ManifestDriftTest {

  private static List<String> violationsAfter(Consumer<KustomizeTree> drift) {
    KustomizeTree tree = KustomizeTree.load(RepositoryTree.k8s().resolve("overlays/local"));
    drift.accept(tree);
    return RepositoryTree.check(tree);
  }

  private static ObjectNode object(KustomizeTree tree, String kind, String name) {
    return tree.manifests.stream().filter(m -> m.is(kind, name)).findFirst().orElseThrow().node();
  }

  private static ObjectNode container(KustomizeTree tree, String deployment) {
    return (ObjectNode)
        object(tree, "Deployment", deployment).at("/spec/template/spec/containers/0");
  }

  private static void addEnv(ObjectNode container, String name, String value) {
    ((ArrayNode) container.path("env")).addObject().put("name", name).put("value", value);
  }

  @Test
  void shouldCatchAWrongContainerPort() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode) container(t, "status-service").at("/ports/0"))
                        .put("containerPort", 8090)))
        .anyMatch(v -> v.contains("containerPort 8090"));
  }

  @Test
  void shouldCatchAProbePathTheServiceDoesNotServe() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode) container(t, "runner-service").at("/readinessProbe/httpGet"))
                        .put("path", "/health/ready")))
        .anyMatch(v -> v.contains("readinessProbe path /health/ready"));
  }

  @Test
  void shouldCatchAnEnvironmentNameNoServiceReads() {
    assertThat(
            violationsAfter(
                t -> addEnv(container(t, "provisioner-service"), "CLAWOPS_WORKSPACE_ROOT", "/x")))
        .anyMatch(v -> v.contains("sets CLAWOPS_WORKSPACE_ROOT"));
  }

  @Test
  void shouldCatchAConfigMapKeyTheServiceDoesNotRead() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode) object(t, "ConfigMap", "runner-service-config").path("data"))
                        .put("CLAWOPS_RUNNER_SLOT", "8")))
        .anyMatch(v -> v.contains("sets CLAWOPS_RUNNER_SLOT,"));
  }

  @Test
  void shouldCatchAVariableGivenToTheWrongService() {
    // The runner takes no API token: only status-service and the provisioner read one.
    assertThat(
            violationsAfter(t -> addEnv(container(t, "runner-service"), "CLAWOPS_API_TOKEN", "x")))
        .anyMatch(v -> v.contains("sets CLAWOPS_API_TOKEN, which runner-service does not read"));
  }

  @Test
  void shouldCatchAnImageNoDockerfileBuilds() {
    assertThat(
            violationsAfter(
                t -> container(t, "status-service").put("image", "clawops/status:local")))
        .anyMatch(v -> v.contains("image clawops/status is built by no module's Dockerfile"));
  }

  @Test
  void shouldCatchAMissingSecretKey() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode)
                            container(t, "status-service").at("/env/3/valueFrom/secretKeyRef"))
                        .put("key", "QUARKUS_DATASOURCE_PASS")))
        .anyMatch(v -> v.contains("refers to key QUARKUS_DATASOURCE_PASS of Secret"));
  }

  @Test
  void shouldCatchAServiceTargetingAnotherPort() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode) object(t, "Service", "provisioner-service").at("/spec/ports/0"))
                        .put("targetPort", 8080)))
        .anyMatch(v -> v.contains("targetPort 8080 is not port 8081"));
  }

  @Test
  void shouldCatchMoreRunnersThanPartitions() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode) object(t, "ScaledObject", "runner-service").path("spec"))
                        .put("maxReplicaCount", 13)))
        .anyMatch(v -> v.contains("maxReplicaCount 13 exceeds the 12 partitions"));
  }

  @Test
  void shouldCatchAScaledObjectAimedElsewhere() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode)
                            object(t, "ScaledObject", "runner-service").at("/spec/scaleTargetRef"))
                        .put("name", "status-service")))
        .anyMatch(v -> v.contains("is not the runner Deployment"));
  }

  @Test
  void shouldCatchATriggerThatMissesStatusService() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode)
                            object(t, "ScaledObject", "runner-service")
                                .at("/spec/triggers/0/metadata"))
                        .put("url", "http://status-service.clawops.svc:8081/api/runners")))
        .anyMatch(v -> v.contains("is no status-service Service port"));
  }

  @Test
  void shouldCatchATriggerHostKedaCannotResolve() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode)
                            object(t, "ScaledObject", "runner-service")
                                .at("/spec/triggers/0/metadata"))
                        .put("url", "http://status-service:8080/api/runners")))
        .anyMatch(v -> v.contains("is not in namespace clawops"));
  }

  @Test
  void shouldCatchAShutdownBudgetShorterThanTheRunnersGrace() {
    assertThat(
            violationsAfter(
                t ->
                    ((ObjectNode)
                            object(t, "Deployment", "runner-service").at("/spec/template/spec"))
                        .put("terminationGracePeriodSeconds", 600)))
        .anyMatch(v -> v.contains("terminationGracePeriodSeconds 600 must exceed"));
  }

  @Test
  void shouldCatchTopicsWithAnotherPartitionCount() {
    assertThat(
            violationsAfter(
                t -> {
                  JsonNode env =
                      object(t, "Job", "clawops-topics").at("/spec/template/spec/containers/0/env");
                  env.forEach(
                      e -> {
                        if (e.path("name").asText().equals("PARTITIONS")) {
                          ((ObjectNode) e).put("value", "6");
                        }
                      });
                }))
        .anyMatch(v -> v.contains("PARTITIONS 6"));
  }

  @Test
  void shouldCatchAResourceTheKustomizationListsButNobodyWrote(@TempDir Path copy)
      throws IOException {
    Path k8s = RepositoryTree.k8s();
    try (Stream<Path> files = Files.walk(k8s)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(k8s.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Files.delete(copy.resolve("base/runner-autoscaling.yaml"));

    assertThat(KustomizeTree.load(copy.resolve("overlays/local")).problems)
        .anyMatch(p -> p.contains("runner-autoscaling.yaml, which is missing"));
  }
}
