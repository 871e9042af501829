package io.clawops.provisioner.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.clawops.support.rest.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code repositories} of a claw request: each URL must be a file, http or https URL and
 * each path a directory inside the workspace that no other repository's path contains or shares.
 */
final class RepositoriesParser {

  private static final Set<String> FIELDS = Set.of("url", "path", "required", "credentialRef");
  private static final int URL_MAX = 2048;
  private static final int PATH_MAX = 1024;
  private static final int REPOSITORIES_MAX = 50;

  private RepositoriesParser() {}

  /** The valid repositories; every problem goes to {@code errors}. */
  static List<RepositoryRequest> parse(FieldReader root, List<FieldError> errors) {
    List<JsonNode> items = root.array("repositories");
    if (items.size() > REPOSITORIES_MAX) {
      root.error("repositories", "must hold at most " + REPOSITORIES_MAX + " repositories");
      return List.of();
    }
    List<RepositoryRequest> repositories = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      FieldReader item = FieldReader.of(items.get(i), "repositories[" + i + "]", errors);
      if (item == null) {
        paths.add(null);
        continue;
      }
      item.rejectUnknown(FIELDS, "is not a field of a repository");
      String url = item.requiredText("url", URL_MAX);
      if (url != null && RepositoryUrl.problem(url).isPresent()) {
        item.error("url", RepositoryUrl.problem(url).get());
        url = null;
      }
      String path = path(item, paths);
      paths.add(path);
      boolean required = item.bool("required", true);
      String credentialRef = item.name("credentialRef", false);
      if (url != null && path != null) {
        repositories.add(new RepositoryRequest(url, path, required, credentialRef));
      }
    }
    return repositories;
  }

  /**
   * The normalized path, or null when invalid; checked against the paths of the repositories before
   * it ({@code earlier} holds one entry per earlier repository, null for an invalid one).
   */
  private static String path(FieldReader item, List<String> earlier) {
    String raw = item.requiredText("path", PATH_MAX);
    if (raw == null) {
      return null;
    }
    var problem = WorkspacePath.problem(raw);
    if (problem.isPresent()) {
      item.error("path", problem.get());
      return null;
    }
    String path = WorkspacePath.normalize(raw);
    for (int j = 0; j < earlier.size(); j++) {
      if (earlier.get(j) != null && WorkspacePath.overlaps(path, earlier.get(j))) {
        String other = "repositories[" + j + "].path";
        item.error(
            "path", path.equals(earlier.get(j)) ? "duplicates " + other : "overlaps with " + other);
        return null;
      }
    }
    return path;
  }
}
