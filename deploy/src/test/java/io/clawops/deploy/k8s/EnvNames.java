package io.clawops.deploy.k8s;

import java.util.Locale;

/** SmallRye Config's environment name of a property: non-alphanumerics as _, upper case. */
final class EnvNames {

  private EnvNames() {}

  static String of(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** {@code shutdownGrace} as the property segment {@code shutdown-grace}. */
  static String kebab(String methodName) {
    return methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
