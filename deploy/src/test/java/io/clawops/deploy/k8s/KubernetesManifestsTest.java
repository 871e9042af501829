package io.clawops.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifests under deploy/k8s agree with what the services really serve and read. */
class KubernetesManifestsTest {

  private static final Path LOCAL = RepositoryTree.k8s().resolve("overlays/local");

  @Test
  void shouldMatchTheServicesRealConfiguration() {
    KustomizeTree tree = KustomizeTree.load(LOCAL);

    assertThat(RepositoryTree.check(tree)).isEmpty();
    // The check found what it checks: three services, each with its Deployment and Service.
    assertThat(tree.ofKind("Deployment")).hasSize(3);
    assertThat(tree.ofKind("ScaledObject")).hasSize(1);
  }

  @Test
  void shouldReadWhatTheServicesReadFromTheirSources() {
    List<ServiceFacts> services = RepositoryTree.services();
    ServiceFacts status = services.get(0);
    ServiceFacts runner = services.get(2);

    assertThat(status.httpPort()).isEqualTo(status.exposedPort());
    assertThat(status.readyPath()).isEqualTo("/q/health/ready");
    // From StatusConfig's nested Rules group; its default method is no property.
    assertThat(status.environment())
        .contains("CLAWOPS_RULES_STALE_BEATS", "CLAWOPS_API_TOKEN", "KAFKA_BOOTSTRAP_SERVERS")
        .doesNotContain("CLAWOPS_RULE_SETTINGS", "CLAWOPS_RUNNER_SLOTS");
    // RunnerConfig under clawops.runner, the aliases of application.properties, the Dockerfile.
    assertThat(runner.environment())
        .contains("CLAWOPS_RUNNER_SHUTDOWN_GRACE", "CLAWOPS_RUNTIMES_FILE", "JAVA_OPTS")
        .doesNotContain("CLAWOPS_API_TOKEN", "QUARKUS_DATASOURCE_PASSWORD");
  }

  @Test
  void shouldIncludeEveryManifestFileInAKustomization() throws IOException {
    Set<Path> included = new HashSet<>();
    List<Path> kustomizations;
    try (Stream<Path> files = Files.walk(RepositoryTree.k8s())) {
      kustomizations =
          files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
    }
    for (Path kustomization : kustomizations) {
      KustomizeTree tree = KustomizeTree.load(kustomization.getParent());
      assertThat(tree.problems).as(kustomization.toString()).isEmpty();
      tree.manifests.forEach(m -> included.add(m.file()));
    }
    try (Stream<Path> files = Files.walk(RepositoryTree.k8s())) {
      List<Path> orphans =
          files
              .filter(f -> f.toString().endsWith(".yaml"))
              .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
              .filter(f -> !included.contains(f))
              .toList();
      assertThat(orphans).as("manifest files no kustomization includes").isEmpty();
    }
  }

  @Test
  void shouldPatchOnlyObjectsThatExist() throws IOException {
    KustomizeTree base = KustomizeTree.load(RepositoryTree.k8s().resolve("base"));
    List<Path> dirs;
    try (Stream<Path> files = Files.list(RepositoryTree.k8s().resolve("components"))) {
      dirs = files.filter(Files::isDirectory).toList();
    }
    int patches = 0;
    for (Path dir : Stream.concat(dirs.stream(), Stream.of(LOCAL)).toList()) {
      KustomizeTree tree = KustomizeTree.load(dir);
      patches += tree.patchTargets.size();
      for (var target : tree.patchTargets) {
        boolean exists =
            Stream.concat(base.manifests.stream(), tree.manifests.stream())
                .anyMatch(m -> m.is(target.path("kind").asText(), target.path("name").asText()));
        assertThat(exists).as(dir + " patches " + target).isTrue();
      }
    }
    assertThat(patches).isPositive();
  }
}
