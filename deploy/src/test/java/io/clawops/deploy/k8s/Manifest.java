package io.clawops.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** One Kubernetes object of a manifest file. */
record Manifest(Path file, ObjectNode node) {

  String kind() {
    return node.path("kind").asText();
  }

  String name() {
    return node.path("metadata").path("name").asText();
  }

  JsonNode spec() {
    return node.path("spec");
  }

  boolean is(String kind, String name) {
    return kind().equals(kind) && name().equals(name);
  }

  @Override
  public String toString() {
    return kind() + "/" + name() + " (" + file.getFileName() + ")";
  }
}
