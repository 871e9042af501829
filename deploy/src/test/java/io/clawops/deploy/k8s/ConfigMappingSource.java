package io.clawops.deploy.k8s;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment names of a {@code @ConfigMapping} interface, read from its source: every abstract
 * method is a property under the prefix, a method returning a nested interface is a group whose
 * methods sit one segment deeper, {@code @WithName} renames a segment.
 */
final class ConfigMappingSource {

  private static final Pattern PREFIX =
      Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
  private static final Pattern METHOD =
      Pattern.compile(
          "((?:@\\w+(?:\\([^)]*\\))?\\s+)*)([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\(\\s*\\)\\s*;");
  private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"");

  private ConfigMappingSource() {}

  static Set<String> environmentNames(String javaSource) {
    String source = withoutCommentsAndBracesInStrings(javaSource);
    Matcher prefix = PREFIX.matcher(source);
    if (!prefix.find()) {
      return Set.of();
    }
    Map<String, String> bodies = new HashMap<>();
    Matcher declaration = INTERFACE.matcher(source);
    String root = null;
    while (declaration.find()) {
      String body = body(source, declaration.end() - 1);
      bodies.put(declaration.group(1), body);
      if (root == null && declaration.start() > prefix.start()) {
        root = declaration.group(1);
      }
    }
    Set<String> names = new TreeSet<>();
    collect(root, prefix.group(1), bodies, names);
    return names;
  }

  private static void collect(
      String type, String prefix, Map<String, String> bodies, Set<String> names) {
    Matcher method = METHOD.matcher(ownText(bodies.get(type)));
    while (method.find()) {
      Matcher renamed = WITH_NAME.matcher(method.group(1));
      String segment = renamed.find() ? renamed.group(1) : EnvNames.kebab(method.group(3));
      String property = prefix + "." + segment;
      String returned = method.group(2);
      if (bodies.containsKey(returned) && !returned.equals(type)) {
        collect(returned, property, bodies, names);
      } else {
        names.add(EnvNames.of(property));
      }
    }
  }

  /** A body without its nested blocks (nested interfaces, default methods' bodies). */
  private static String ownText(String body) {
    StringBuilder own = new StringBuilder();
    int depth = 0;
    for (char c : body.toCharArray()) {
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (depth == 0) {
        own.append(c);
      }
    }
    return own.toString();
  }

  /** Comments (Javadoc holds {@code ...}) dropped, braces inside string literals masked. */
  private static String withoutCommentsAndBracesInStrings(String source) {
    String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", " ");
    StringBuilder masked = new StringBuilder(code.length());
    boolean inString = false;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' && (i == 0 || code.charAt(i - 1) != '\\')) {
        inString = !inString;
      }
      masked.append(inString && (c == '{' || c == '}') ? '_' : c);
    }
    return masked.toString();
  }

  /** The text between the brace at {@code open} and its match. */
  private static String body(String source, int open) {
    int depth = 0;
    for (int i = open; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return source.substring(open + 1, i);
      }
    }
    throw new IllegalArgumentException("unbalanced braces in a @ConfigMapping source");
  }
}
