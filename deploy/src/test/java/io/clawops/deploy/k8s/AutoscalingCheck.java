package io.clawops.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The runner's KEDA ScaledObject scales the runner Deployment within the partition count, and its
 * metrics-api trigger asks a status-service Service, with the bearer token when under /api.
 */
final class AutoscalingCheck {

  private final KustomizeTree tree;
  private final ManifestCheck check;
  private final int partitions;

  AutoscalingCheck(KustomizeTree tree, ManifestCheck check, int partitions) {
    this.tree = tree;
    this.check = check;
    this.partitions = partitions;
  }

  void checkAll() {
    List<Manifest> scaledObjects = tree.ofKind("ScaledObject");
    if (scaledObjects.size() != 1) {
      check.violation("expected one ScaledObject (the runners'), found " + scaledObjects);
      return;
    }
    Manifest scaled = scaledObjects.get(0);
    Manifest runner = check.workloadOf(check.service(ManifestCheck.RUNNER));
    JsonNode target = scaled.spec().path("scaleTargetRef");
    if (runner == null
        || !target.path("kind").asText("Deployment").equals("Deployment")
        || !target.path("name").asText().equals(runner.name())) {
      check.violation(scaled + ": scaleTargetRef " + target + " is not the runner Deployment");
    }
    if (runner != null && runner.spec().has("replicas")) {
      check.violation(runner + ": sets replicas, which every apply would reset under KEDA");
    }
    int max = scaled.spec().path("maxReplicaCount").asInt(100);
    int min = scaled.spec().path("minReplicaCount").asInt(0);
    if (max > partitions) {
      check.violation(
          scaled
              + ": maxReplicaCount "
              + max
              + " exceeds the "
              + partitions
              + " partitions of claw.tasks");
    }
    if (min < 1 || min > max) {
      check.violation(
          scaled
              + ": minReplicaCount "
              + min
              + " must be 1 to maxReplicaCount:"
              + " scaling to zero would stop running agents");
    }
    JsonNode triggers = scaled.spec().path("triggers");
    if (triggers.isEmpty()) {
      check.violation(scaled + ": no trigger");
    }
    for (JsonNode trigger : triggers) {
      if (trigger.path("type").asText().equals("metrics-api")) {
        checkMetricsApi(scaled, trigger);
      }
    }
  }

  private void checkMetricsApi(Manifest scaled, JsonNode trigger) {
    URI url = URI.create(trigger.path("metadata").path("url").asText());
    // KEDA resolves the host from its own namespace: service.namespace[.svc...] when namespaced.
    String[] host = url.getHost().split("\\.");
    if (tree.namespace != null && (host.length < 2 || !host[1].equals(tree.namespace))) {
      check.violation(
          scaled
              + ": metrics-api host "
              + url.getHost()
              + " is not in namespace "
              + tree.namespace
              + ", which KEDA must name (service.namespace.svc)");
    }
    ServiceFacts status = check.service(ManifestCheck.STATUS);
    Manifest workload = check.workloadOf(status);
    boolean reachesStatus =
        workload != null
            && check.servicesSelecting(workload).stream()
                .anyMatch(s -> s.name().equals(host[0]) && servesPort(s, url.getPort()));
    if (!reachesStatus) {
      check.violation(scaled + ": metrics-api url " + url + " is no status-service Service port");
    }
    if (url.getPath().startsWith("/api/")) {
      boolean bearer = trigger.path("metadata").path("authMode").asText().equals("bearer");
      String authentication = trigger.path("authenticationRef").path("name").asText();
      boolean withToken =
          tree.ofKind("TriggerAuthentication").stream()
              .filter(a -> a.name().equals(authentication))
              .flatMap(
                  a -> StreamSupport.stream(a.spec().path("secretTargetRef").spliterator(), false))
              .anyMatch(ref -> ref.path("parameter").asText().equals("token"));
      if (!bearer || !withToken) {
        check.violation(
            scaled
                + ": "
                + url.getPath()
                + " needs the bearer token: authMode"
                + " bearer and a TriggerAuthentication giving the parameter token");
      }
    }
  }

  private static boolean servesPort(Manifest service, int port) {
    for (JsonNode servicePort : service.spec().path("ports")) {
      if (servicePort.path("port").asInt() == port) {
        return true;
      }
    }
    return false;
  }
}
