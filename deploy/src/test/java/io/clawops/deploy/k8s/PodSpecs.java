package io.clawops.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading pod templates: containers, their environment, ports and images. */
final class PodSpecs {

  private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kmgKMG])");
  private static final Pattern QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi)?");

  private PodSpecs() {}

  /** The pod spec of a workload (Deployment, StatefulSet, Job), or a missing node. */
  static JsonNode of(Manifest workload) {
    return workload.spec().path("template").path("spec");
  }

  static List<JsonNode> containers(JsonNode podSpec) {
    List<JsonNode> containers = new ArrayList<>();
    podSpec.path("initContainers").forEach(containers::add);
    podSpec.path("containers").forEach(containers::add);
    return containers;
  }

  /** {@code clawops/status-service:local} → {@code clawops/status-service}. */
  static String repository(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }

  /** The container port a probe or Service names, by name or number; -1 when none. */
  static int port(JsonNode container, JsonNode reference) {
    if (reference.isInt()) {
      return reference.asInt();
    }
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals(reference.asText())) {
        return port.path("containerPort").asInt();
      }
    }
    return -1;
  }

  /** The container port named http, else its first port; -1 without ports. */
  static int httpPort(JsonNode container) {
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals("http")) {
        return port.path("containerPort").asInt();
      }
    }
    return container.path("ports").path(0).path("containerPort").asInt(-1);
  }

  /** The container's variables with their values (a referenced key's value when it has one). */
  static Map<String, String> environment(JsonNode container, KustomizeTree tree) {
    Map<String, String> values = new LinkedHashMap<>();
    for (JsonNode source : container.path("envFrom")) {
      String prefix = source.path("prefix").asText("");
      JsonNode configMap = source.path("configMapRef");
      if (!configMap.isMissingNode()) {
        String name = configMap.path("name").asText();
        var keys = tree.configMapKeys(name);
        if (keys != null) {
          keys.forEach(key -> values.put(prefix + key, tree.configMapValue(name, key)));
        }
      }
      JsonNode secret = source.path("secretRef");
      if (!secret.isMissingNode()) {
        var keys = tree.secretKeys(secret.path("name").asText());
        if (keys != null) {
          keys.forEach(key -> values.put(prefix + key, null));
        }
      }
    }
    for (JsonNode variable : container.path("env")) {
      JsonNode configMapKey = variable.path("valueFrom").path("configMapKeyRef");
      String value =
          variable.has("value")
              ? variable.path("value").asText()
              : configMapKey.isMissingNode()
                  ? null
                  : tree.configMapValue(
                      configMapKey.path("name").asText(), configMapKey.path("key").asText());
      values.put(variable.path("name").asText(), value);
    }
    return values;
  }

  /** The heap cap of a JAVA_OPTS value in MiB, or 0 without one. */
  static long heapMiB(String javaOpts) {
    Matcher matcher = XMX.matcher(javaOpts == null ? "" : javaOpts);
    if (!matcher.find()) {
      return 0;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (Character.toLowerCase(matcher.group(2).charAt(0))) {
      case 'k' -> amount / 1024;
      case 'g' -> amount * 1024;
      default -> amount;
    };
  }

  /** A memory quantity (e.g. 640Mi, 1Gi) in MiB; -1 when it is not one of those forms. */
  static long memoryMiB(String quantity) {
    Matcher matcher = QUANTITY.matcher(quantity);
    if (!matcher.matches()) {
      return -1;
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2);
    if (unit == null) {
      return amount / (1024 * 1024);
    }
    return switch (unit) {
      case "Ki" -> amount / 1024;
      case "Gi" -> amount * 1024;
      default -> amount;
    };
  }

  /** A duration as Quarkus reads it: 10m, 5s, 250ms, 2h, 1d, a bare number of seconds, PT5S. */
  static Duration duration(String value) {
    String text = value.strip();
    if (text.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    if (text.matches("\\d+ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    if (text.matches("\\d+[dD]")) {
      return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
    }
    if (text.matches("\\d+[hHmMsS]")) {
      return Duration.parse("PT" + text);
    }
    return Duration.parse(text);
  }
}
