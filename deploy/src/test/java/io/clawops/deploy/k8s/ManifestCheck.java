package io.clawops.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a kustomization tree against the services' real configuration and lists every mismatch:
 * ports, probe paths, environment names, images, Services, references to Secrets and ConfigMaps,
 * the runner's shutdown budget, the topics, the autoscaling target and its bounds.
 */
final class ManifestCheck {

  static final String RUNNER = "runner-service";
  static final String STATUS = "status-service";

  private final KustomizeTree tree;
  private final List<ServiceFacts> services;
  private final int partitions;
  private final List<String> topics;
  private final List<String> violations = new ArrayList<>();

  private ManifestCheck(
      KustomizeTree tree, List<ServiceFacts> services, int partitions, List<String> topics) {
    this.tree = tree;
    this.services = services;
    this.partitions = partitions;
    this.topics = topics;
  }

  /** Every violation found; empty when the manifests match the services. */
  static List<String> run(
      KustomizeTree tree, List<ServiceFacts> services, int partitions, List<String> topics) {
    ManifestCheck check = new ManifestCheck(tree, services, partitions, topics);
    check.violations.addAll(tree.problems);
    services.forEach(new ServiceWorkloadCheck(tree, check)::check);
    check.checkImages();
    new ReferenceCheck(tree, check.violations).checkAll();
    check.checkRunnerShutdownBudget();
    check.checkTopics();
    new AutoscalingCheck(tree, check, partitions).checkAll();
    check.checkDisruptionBudgets();
    return check.violations;
  }

  void violation(String message) {
    violations.add(message);
  }

  /** The one workload running the service's image, or null (reported). */
  Manifest workloadOf(ServiceFacts service) {
    List<Manifest> workloads =
        tree.ofKind("Deployment").stream().filter(d -> containerOf(d, service) != null).toList();
    if (workloads.size() != 1) {
      violation(
          service.module()
              + ": expected one Deployment of "
              + service.image()
              + ", found "
              + workloads);
      return null;
    }
    return workloads.get(0);
  }

  ServiceFacts service(String module) {
    return services.stream().filter(s -> s.module().equals(module)).findFirst().orElseThrow();
  }

  static JsonNode containerOf(Manifest workload, ServiceFacts service) {
    for (JsonNode container : PodSpecs.containers(PodSpecs.of(workload))) {
      if (PodSpecs.repository(container.path("image").asText()).equals(service.image())) {
        return container;
      }
    }
    return null;
  }

  /** Services whose selector picks the workload's pods. */
  List<Manifest> servicesSelecting(Manifest workload) {
    JsonNode labels = workload.spec().path("template").path("metadata").path("labels");
    return tree.ofKind("Service").stream()
        .filter(s -> selects(s.spec().path("selector"), labels))
        .toList();
  }

  static boolean selects(JsonNode selector, JsonNode labels) {
    if (selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    var fields = selector.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (!field.getValue().asText().equals(labels.path(field.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }

  /** Every image of ours names a module that has a Dockerfile.jvm, as docker-compose.yml does. */
  private void checkImages() {
    Set<String> known = new TreeSet<>();
    services.forEach(s -> known.add(s.image()));
    Set<String> used = new TreeSet<>();
    for (String kind : List.of("Deployment", "StatefulSet", "Job")) {
      for (Manifest workload : tree.ofKind(kind)) {
        for (JsonNode container : PodSpecs.containers(PodSpecs.of(workload))) {
          String repository = PodSpecs.repository(container.path("image").asText());
          used.add(repository);
          if (repository.startsWith("clawops/") && !known.contains(repository)) {
            violation(workload + ": image " + repository + " is built by no module's Dockerfile");
          }
        }
      }
    }
    for (String override : tree.imageOverrides) {
      if (!used.contains(override)) {
        violation(
            "images: "
                + override
                + " names no image of the manifests (kustomize would"
                + " silently ignore it)");
      }
    }
  }

  /** The pod outlives the runner's own shutdown: shutdown grace + stop grace. */
  private void checkRunnerShutdownBudget() {
    ServiceFacts runner = service(RUNNER);
    Manifest workload = workloadOf(runner);
    if (workload == null) {
      return;
    }
    Map<String, String> environment = PodSpecs.environment(containerOf(workload, runner), tree);
    String shutdown = environment.get("CLAWOPS_RUNNER_SHUTDOWN_GRACE");
    String stop = environment.get("CLAWOPS_RUNNER_STOP_GRACE");
    if (shutdown == null || stop == null) {
      violation(
          workload
              + ": set CLAWOPS_RUNNER_SHUTDOWN_GRACE and CLAWOPS_RUNNER_STOP_GRACE,"
              + " the budget terminationGracePeriodSeconds is sized from");
      return;
    }
    Duration needed = PodSpecs.duration(shutdown).plus(PodSpecs.duration(stop));
    long grace = PodSpecs.of(workload).path("terminationGracePeriodSeconds").asLong(30);
    if (grace <= needed.toSeconds()) {
      violation(
          workload
              + ": terminationGracePeriodSeconds "
              + grace
              + " must exceed shutdown"
              + " grace + stop grace ("
              + needed.toSeconds()
              + " s)");
    }
  }

  /** The topic Job creates every contract topic with the contract's partition count. */
  private void checkTopics() {
    List<JsonNode> creators = new ArrayList<>();
    for (Manifest job : tree.ofKind("Job")) {
      for (JsonNode container : PodSpecs.containers(PodSpecs.of(job))) {
        Map<String, String> environment = PodSpecs.environment(container, tree);
        if (environment.containsKey("TOPICS")) {
          creators.add(container);
          Set<String> created =
              new TreeSet<>(Arrays.asList(environment.get("TOPICS").split("\\s+")));
          if (!created.equals(new TreeSet<>(topics))) {
            violation(job + ": creates " + created + ", the contract's topics are " + topics);
          }
          if (!String.valueOf(partitions).equals(environment.get("PARTITIONS"))) {
            violation(
                job
                    + ": PARTITIONS "
                    + environment.get("PARTITIONS")
                    + ", the contract's"
                    + " default is "
                    + partitions);
          }
        }
      }
    }
    if (creators.size() != 1) {
      violation(
          "expected one Job container creating the topics (env TOPICS), found " + creators.size());
    }
  }

  private void checkDisruptionBudgets() {
    List<Manifest> budgets = tree.ofKind("PodDisruptionBudget");
    if (budgets.isEmpty()) {
      violation("no PodDisruptionBudget");
    }
    for (Manifest budget : budgets) {
      JsonNode selector = budget.spec().path("selector").path("matchLabels");
      boolean matches =
          tree.ofKind("Deployment").stream()
              .anyMatch(
                  d ->
                      selects(selector, d.spec().path("template").path("metadata").path("labels")));
      if (!matches) {
        violation(budget + ": its selector matches no Deployment's pods");
      }
    }
  }
}
