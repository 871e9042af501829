package io.clawops.provisioner.git;

import io.clawops.contracts.sanitize.Sanitizer;
import java.util.List;
import java.util.Locale;

/**
 * Classifies a failed {@code git clone} from its stderr (git runs with {@code LC_ALL=C}, so the
 * messages are git's English ones). Anything not recognised as "not found" or "access refused" is
 * treated as transient: retrying an unknown failure a few times costs little, while giving up on a
 * network blip fails a claw for nothing.
 */
public final class CloneFailureClassifier {

  private static final int DETAIL_MAX = 200;

  private static final List<String> NOT_FOUND =
      List.of(
          "not found",
          "does not appear to be a git repository",
          "does not exist",
          "returned error: 404",
          "no such file or directory");

  private static final List<String> AUTH_REFUSED =
      List.of(
          "authentication failed",
          "could not read username",
          "could not read password",
          "terminal prompts disabled",
          "returned error: 401",
          "returned error: 403",
          "access denied",
          "permission denied");

  private CloneFailureClassifier() {}

  /** The failure of a clone that did not succeed. */
  public static CloneFailure classify(GitResult result) {
    String detail = detail(result.stderr());
    if (result.timedOut()) {
      return new CloneFailure(CloneFailure.Kind.TIMEOUT, "the clone did not finish in time");
    }
    String text = result.stderr().toLowerCase(Locale.ROOT);
    if (AUTH_REFUSED.stream().anyMatch(text::contains)) {
      return new CloneFailure(CloneFailure.Kind.AUTH_REFUSED, detail);
    }
    if (NOT_FOUND.stream().anyMatch(text::contains)) {
      return new CloneFailure(CloneFailure.Kind.NOT_FOUND, detail);
    }
    return new CloneFailure(CloneFailure.Kind.UNREACHABLE, detail);
  }

  /**
   * The first {@code fatal:} line (git's own summary), sanitized: git may echo the URL, and with it
   * any credentials written into it.
   */
  static String detail(String stderr) {
    String chosen = null;
    for (String line : stderr.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("fatal:")) {
        chosen = trimmed.substring("fatal:".length()).strip();
        break;
      }
      if (!trimmed.isEmpty() && !trimmed.startsWith("Cloning into")) {
        chosen = chosen == null ? trimmed : chosen;
      }
    }
    return Sanitizer.sanitize(chosen == null ? "git exited without a message" : chosen, DETAIL_MAX);
  }
}
