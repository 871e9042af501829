package io.clawops.provisioner.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for where a repository goes: a relative path that stays inside the claw's workspace, so a
 * request can never make the provisioner write outside it.
 */
public final class WorkspacePath {

  /** The file the provisioner writes for the agent at the workspace root. */
  public static final String CONTEXT_FILE = "CLAWOPS_CONTEXT.md";

  private static final int MAX_LENGTH = 255;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

  private WorkspacePath() {}

  /** The normalized form of a valid path ({@code a/./b/} becomes {@code a/b}). */
  public static String normalize(String path) {
    return String.join("/", segments(path));
  }

  /** What is wrong with {@code path}, never quoting it; empty when valid. */
  public static Optional<String> problem(String path) {
    if (path.isBlank()) {
      return Optional.of("must not be empty");
    }
    if (path.length() > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    if (path.startsWith("/") || path.startsWith("~") || path.contains("\\") || path.contains(":")) {
      return Optional.of("must stay inside the workspace");
    }
    List<String> segments = segments(path);
    if (segments.contains("..")) {
      return Optional.of("must stay inside the workspace");
    }
    if (segments.isEmpty()) {
      return Optional.of("must name a directory inside the workspace, not the workspace itself");
    }
    if (!segments.stream().allMatch(segment -> SEGMENT.matcher(segment).matches())) {
      return Optional.of("may hold only letters, digits and . _ @ + - in its segments");
    }
    if (segments.contains(".git")) {
      return Optional.of("must not be inside a .git directory");
    }
    if (CONTEXT_FILE.equals(segments.get(0))) {
      return Optional.of("is reserved for " + CONTEXT_FILE);
    }
    return Optional.empty();
  }

  /** True when one normalized path is the other or lies inside it. */
  public static boolean overlaps(String one, String other) {
    return one.equals(other) || one.startsWith(other + "/") || other.startsWith(one + "/");
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty() && !".".equals(segment)) {
        segments.add(segment);
      }
    }
    return segments;
  }
}
