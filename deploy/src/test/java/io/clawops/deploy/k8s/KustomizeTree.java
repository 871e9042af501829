package io.clawops.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kustomization and everything it includes (resources, components, generated Secrets and
 * ConfigMaps), read the way kustomize reads them, without rendering patches: they are only checked
 * to name an object that exists. What cannot be resolved is listed in {@link #problems}.
 */
final class KustomizeTree {

  private static final YAMLMapper YAML = new YAMLMapper();

  final List<Manifest> manifests = new ArrayList<>();
  final Map<String, Set<String>> generatedSecrets = new LinkedHashMap<>();
  final Map<String, Set<String>> generatedConfigMaps = new LinkedHashMap<>();
  final List<String> problems = new ArrayList<>();
  final List<JsonNode> patchTargets = new ArrayList<>();
  final Set<String> imageOverrides = new TreeSet<>();
  final List<Path> kustomizations = new ArrayList<>();

  /** The namespace the top kustomization puts everything in; null when it sets none. */
  String namespace;

  static KustomizeTree load(Path dir) {
    KustomizeTree tree = new KustomizeTree();
    tree.include(dir);
    return tree;
  }

  private void include(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      problems.add(dir + " has no kustomization.yaml");
      return;
    }
    JsonNode kustomization = read(file).get(0);
    if (kustomizations.isEmpty() && kustomization.has("namespace")) {
      namespace = kustomization.path("namespace").asText();
    }
    kustomizations.add(file);
    for (String list : List.of("resources", "components")) {
      for (JsonNode entry : kustomization.path(list)) {
        Path resource = dir.resolve(entry.asText()).normalize();
        if (Files.isDirectory(resource)) {
          include(resource);
        } else if (Files.isRegularFile(resource)) {
          for (JsonNode node : read(resource)) {
            manifests.add(new Manifest(resource, (ObjectNode) node));
          }
        } else {
          problems.add(file + " lists " + list + " entry " + entry.asText() + ", which is missing");
        }
      }
    }
    generate(file, dir, kustomization.path("secretGenerator"), generatedSecrets);
    generate(file, dir, kustomization.path("configMapGenerator"), generatedConfigMaps);
    kustomization.path("patches").forEach(patch -> patchTargets.add(patch.path("target")));
    kustomization.path("images").forEach(image -> imageOverrides.add(image.path("name").asText()));
  }

  /**
   * The keys of each generated object. An env file that is git-ignored (secrets.env) is read from
   * its committed example ({@code secrets.env.example}), which lists the keys it must have.
   */
  private void generate(
      Path kustomization, Path dir, JsonNode generators, Map<String, Set<String>> into) {
    for (JsonNode generator : generators) {
      Set<String> keys =
          into.computeIfAbsent(generator.path("name").asText(), n -> new TreeSet<>());
      generator.path("literals").forEach(literal -> keys.add(literal.asText().split("=", 2)[0]));
      for (JsonNode env : generator.path("envs")) {
        Path file = dir.resolve(env.asText());
        Path example = dir.resolve(env.asText() + ".example");
        Path source = Files.isRegularFile(file) ? file : example;
        if (!Files.isRegularFile(source)) {
          problems.add(kustomization + " generates from " + env.asText() + ", which is missing");
          continue;
        }
        for (String line : ServiceSources.text(source).split("\n")) {
          String trimmed = line.strip();
          if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            keys.add(trimmed.split("=", 2)[0]);
          }
        }
      }
    }
  }

  /** Every key of the Secret {@code name}, from a manifest or a generator; null if none. */
  Set<String> secretKeys(String name) {
    return keys("Secret", name, generatedSecrets, "data", "stringData");
  }

  /** Every key of the ConfigMap {@code name}; null if none. */
  Set<String> configMapKeys(String name) {
    return keys("ConfigMap", name, generatedConfigMaps, "data", "binaryData");
  }

  private Set<String> keys(
      String kind, String name, Map<String, Set<String>> generated, String... fields) {
    Set<String> keys = null;
    if (generated.containsKey(name)) {
      keys = new TreeSet<>(generated.get(name));
    }
    for (Manifest manifest : manifests) {
      if (manifest.is(kind, name)) {
        keys = keys == null ? new TreeSet<>() : keys;
        for (String field : fields) {
          manifest.node().path(field).fieldNames().forEachRemaining(keys::add);
        }
      }
    }
    return keys;
  }

  /** A ConfigMap manifest's value for {@code key}; null when none holds it. */
  String configMapValue(String name, String key) {
    for (Manifest manifest : manifests) {
      if (manifest.is("ConfigMap", name) && manifest.node().path("data").has(key)) {
        return manifest.node().path("data").path(key).asText();
      }
    }
    return null;
  }

  List<Manifest> ofKind(String kind) {
    return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  private static List<JsonNode> read(Path file) {
    try (var parser = YAML.createParser(file.toFile())) {
      List<JsonNode> nodes = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class)
          .forEachRemaining(
              node -> {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                  nodes.add(node);
                }
              });
      return nodes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }
}
