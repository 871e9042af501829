package io.clawops.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One service's Deployment against the service: container port, QUARKUS_HTTP_PORT, probe paths and
 * ports, every environment name, resources against the heap, and the Service in front.
 */
final class ServiceWorkloadCheck {

  private final KustomizeTree tree;
  private final ManifestCheck check;

  ServiceWorkloadCheck(KustomizeTree tree, ManifestCheck check) {
    this.tree = tree;
    this.check = check;
  }

  void check(ServiceFacts service) {
    Manifest workload = check.workloadOf(service);
    if (workload == null) {
      return;
    }
    String where = workload + " container " + service.module();
    JsonNode container = ManifestCheck.containerOf(workload, service);
    int port = PodSpecs.httpPort(container);
    if (port != service.httpPort() || port != service.exposedPort()) {
      check.violation(
          where
              + ": containerPort "
              + port
              + ", but quarkus.http.port is "
              + service.httpPort()
              + " and the Dockerfile exposes "
              + service.exposedPort());
    }
    Map<String, String> environment = PodSpecs.environment(container, tree);
    String httpPort = environment.get("QUARKUS_HTTP_PORT");
    if (httpPort != null && !httpPort.equals(String.valueOf(service.httpPort()))) {
      check.violation(
          where
              + ": QUARKUS_HTTP_PORT "
              + httpPort
              + " is not the container port "
              + service.httpPort());
    }
    checkProbe(where, container, "livenessProbe", service.livePath(), service, true);
    checkProbe(where, container, "readinessProbe", service.readyPath(), service, true);
    checkProbe(where, container, "startupProbe", service.startedPath(), service, false);
    for (String name : environment.keySet()) {
      if (!service.environment().contains(name)) {
        check.violation(
            where + ": sets " + name + ", which " + service.module() + " does not read");
      }
    }
    checkResources(where, container, environment.get("JAVA_OPTS"));
    List<Manifest> selecting = check.servicesSelecting(workload);
    if (selecting.isEmpty()) {
      check.violation(where + ": no Service selects its pods");
    }
    for (Manifest selected : selecting) {
      for (JsonNode servicePort : selected.spec().path("ports")) {
        JsonNode target =
            servicePort.has("targetPort")
                ? servicePort.path("targetPort")
                : servicePort.path("port");
        if (PodSpecs.port(container, target) != service.httpPort()) {
          check.violation(
              selected
                  + ": targetPort "
                  + target.asText()
                  + " is not port "
                  + service.httpPort()
                  + " of "
                  + service.module());
        }
      }
    }
  }

  private void checkProbe(
      String where,
      JsonNode container,
      String probe,
      String path,
      ServiceFacts service,
      boolean required) {
    JsonNode httpGet = container.path(probe).path("httpGet");
    if (container.path(probe).isMissingNode()) {
      if (required) {
        check.violation(where + ": no " + probe);
      }
      return;
    }
    if (!httpGet.path("path").asText().equals(path)) {
      check.violation(
          where
              + ": "
              + probe
              + " path "
              + httpGet.path("path").asText()
              + ", but "
              + service.module()
              + " serves "
              + path);
    }
    if (PodSpecs.port(container, httpGet.path("port")) != service.httpPort()) {
      check.violation(
          where
              + ": "
              + probe
              + " port "
              + httpGet.path("port").asText()
              + " is not the HTTP port "
              + service.httpPort());
    }
  }

  private void checkResources(String where, JsonNode container, String javaOpts) {
    JsonNode resources = container.path("resources");
    for (String bound : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        if (!resources.path(bound).has(resource)) {
          check.violation(where + ": no " + bound + "." + resource);
        }
      }
    }
    long limit = PodSpecs.memoryMiB(resources.path("limits").path("memory").asText("0"));
    long heap = PodSpecs.heapMiB(javaOpts);
    if (heap == 0 || limit <= heap) {
      check.violation(
          where
              + ": memory limit "
              + limit
              + " MiB must exceed the heap cap ("
              + heap
              + " MiB, -Xmx in JAVA_OPTS)");
    }
  }
}
