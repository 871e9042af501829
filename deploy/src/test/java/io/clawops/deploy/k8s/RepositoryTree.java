package io.clawops.deploy.k8s;

import io.clawops.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The checked-out repository the test runs in: manifests, service modules, contract facts. */
final class RepositoryTree {

  static final List<String> SERVICES =
      List.of("status-service", "provisioner-service", "runner-service");

  private RepositoryTree() {}

  /** The repository root: Surefire runs in deploy/, an IDE may run in the root. */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
      if (Files.isDirectory(candidate.resolve("deploy/k8s"))
          && Files.isRegularFile(candidate.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no repository with deploy/k8s above " + here);
  }

  static Path k8s() {
    return root().resolve("deploy/k8s");
  }

  private static List<ServiceFacts> services;

  /** Read once per test JVM: the sources do not change while the tests run. */
  static synchronized List<ServiceFacts> services() {
    if (services == null) {
      Path root = root();
      services = SERVICES.stream().map(module -> ServiceSources.read(root, module)).toList();
    }
    return services;
  }

  static List<String> check(KustomizeTree tree) {
    return ManifestCheck.run(tree, services(), Topics.DEFAULT_PARTITIONS, Topics.ALL);
  }
}
