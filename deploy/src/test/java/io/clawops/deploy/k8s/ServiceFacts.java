package io.clawops.deploy.k8s;

import java.util.Set;

/**
 * What one service really serves and reads, taken from its source tree.
 *
 * @param module the Maven module (and image) name, e.g. {@code status-service}
 * @param httpPort {@code quarkus.http.port} of its application.properties
 * @param exposedPort the port its Dockerfile.jvm exposes
 * @param livePath the SmallRye Health liveness path
 * @param readyPath the readiness path
 * @param startedPath the startup path
 * @param environment every environment variable name it reads
 */
record ServiceFacts(
    String module,
    int httpPort,
    int exposedPort,
    String livePath,
    String readyPath,
    String startedPath,
    Set<String> environment) {

  /** The image repository docker-compose.yml and the Dockerfile's header build it as. */
  String image() {
    return "clawops/" + module;
  }
}
